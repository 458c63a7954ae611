package org.tradebench.venues.binance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * Runs a Binance spot and a Binance USD-M futures simulator on loopback until the process is
 * stopped, for trying a connector, the headless commands or the workbench against them by hand:
 *
 * <pre>{@code
 * tests/org.tradebench.venues/run-binance-simulator.sh 40      # prints the endpoints
 * websocat 'ws://127.0.0.1:PORT/stream?streams=btcusdt@bookTicker/btcusdt@aggTrade'
 * curl 'http://127.0.0.1:PORT/api/v3/depth?symbol=BTCUSDT&limit=10'
 * curl 'http://127.0.0.1:FPORT/fapi/v1/premiumIndex?symbol=BTCUSDT'
 * }</pre>
 *
 * <p>Trading: both simulators accept a demo HMAC key and a demo Ed25519 key, made fresh at every
 * start and written to {@code demo-keys.properties} (API keys, the HMAC secret, the Ed25519 public
 * key) and {@code demo-ed25519-private.pem} (PKCS#8) in the directory printed at start
 * ({@code $TRADEBENCH_SCRATCH/binance-simulator}, else {@code java.io.tmpdir}); the secrets are
 * never printed. Signed REST under {@code api/v3/} and {@code fapi/}, the WebSocket API on
 * {@code /ws-api/v3} (spot) and {@code /ws-fapi/v1} (USD-M).
 */
public final class BinanceSimulatorMain {

    private BinanceSimulatorMain() {
    }

    /**
     * Starts both simulators.
     *
     * @param args optional: market events per second (default 25)
     * @throws InterruptedException never in practice: the main thread waits until the process ends
     * @throws IOException when the demo key files cannot be written
     * @throws GeneralSecurityException when the JDK has no Ed25519
     */
    public static void main(String[] args) throws InterruptedException, IOException, GeneralSecurityException {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 25;
        SimulatedExchangeConfig market = SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(rate);
        BinanceSimulator spot = BinanceSimulator.start(BinanceSimulatorConfig.spot().withMarket(market));
        BinanceSimulator futures = BinanceSimulator.start(BinanceSimulatorConfig.usdmFutures().withMarket(market));
        Path keys = demoKeys(spot, futures);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spot.close();
            futures.close();
        }, "binance-simulator-stop"));
        System.out.println("Binance spot simulator: streams=" + spot.webSocketUri() + " (/ws/<stream>, /stream?streams=)"
                + " rest=" + spot.restUri() + "api/v3/ symbols=" + spot.symbols());
        System.out.println("Binance USD-M futures simulator: streams=" + futures.webSocketUri()
                + " (/public/ws/<stream>, /market/stream?streams=) rest=" + futures.restUri() + "fapi/v1/ symbols="
                + futures.symbols());
        System.out.println("Trading: WebSocket API " + spot.webSocketApiUri() + " and " + futures.webSocketApiUri()
                + "; demo API keys (HMAC and Ed25519) in " + keys.resolve("demo-keys.properties")
                + " and the Ed25519 private key in " + keys.resolve("demo-ed25519-private.pem"));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Makes a demo HMAC key and a demo Ed25519 key, registers both on both simulators, writes them down. */
    static Path demoKeys(BinanceSimulator spot, BinanceSimulator futures) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        String hmacKey = token(random, 64);
        String hmacSecret = token(random, 64);
        String edKey = token(random, 64);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        for (BinanceSimulator sim : new BinanceSimulator[] {spot, futures}) {
            sim.addHmacKey(hmacKey, hmacSecret);
            sim.addEd25519Key(edKey, pair.getPublic());
        }
        String scratch = System.getenv("TRADEBENCH_SCRATCH");
        Path dir = Path.of(scratch != null && !scratch.isBlank() ? scratch : System.getProperty("java.io.tmpdir"),
                "binance-simulator");
        Files.createDirectories(dir);
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String publicPem = "-----BEGIN PUBLIC KEY-----\n" + mime.encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("demo-keys.properties"), "# Demo keys of the Binance simulator (loopback only)\n"
                + "hmac.apiKey=" + hmacKey + "\nhmac.secret=" + hmacSecret + "\ned25519.apiKey=" + edKey
                + "\ned25519.privateKeyFile=demo-ed25519-private.pem\ned25519.publicKey="
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        Files.writeString(dir.resolve("demo-ed25519-private.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("demo-ed25519-public.pem"), publicPem);
        return dir;
    }

    private static String token(SecureRandom random, int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }
}
