package org.tradebench.api.risk;

import java.util.List;
import java.util.Objects;

import org.tradebench.api.trading.OrderRequest;

/**
 * The result of a risk check: accepted (possibly with a rounded request and notes saying what was
 * rounded) or refused with reasons a person can read.
 *
 * <pre>{@code
 * RiskVerdict v = riskCheck.check(request, instrument, market, limits);
 * if (!v.accepted()) {
 *     showError(String.join("; ", v.messages()));
 * } else {
 *     send(v.request());
 * }
 * }</pre>
 *
 * @param accepted whether the order may be sent
 * @param request the request to send (rounded to tick and lot when allowed); the original when refused
 * @param messages what was rounded, or why it was refused
 */
public record RiskVerdict(boolean accepted, OrderRequest request, List<String> messages) {

    /** Validates and copies. */
    public RiskVerdict {
        Objects.requireNonNull(request, "request");
        messages = List.copyOf(messages);
        if (!accepted && messages.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }

    /**
     * The messages joined for display.
     *
     * @return the messages separated by "; "
     */
    public String summary() {
        return String.join("; ", messages);
    }
}
