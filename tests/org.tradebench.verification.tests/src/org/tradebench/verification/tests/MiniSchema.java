package org.tradebench.verification.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Validates JSON against the subset of JSON Schema (2020-12) that docs/verification-report.schema.json
 * uses: {@code type} (one or a list), {@code enum}, {@code required}, {@code properties},
 * {@code additionalProperties} (false or a schema), {@code items} and {@code $ref} into
 * {@code #/$defs}. Anything else in the schema is a test failure, so the schema cannot grow beyond
 * what is checked.
 */
final class MiniSchema {

    private static final List<String> KNOWN = List.of("$schema", "$id", "title", "type", "enum", "required", "properties",
            "additionalProperties", "items", "$ref", "$defs", "format", "description");

    private final JsonObject root;

    MiniSchema(JsonObject root) {
        this.root = root;
    }

    /** Every problem, as "path: what"; empty when the value conforms. */
    List<String> validate(JsonElement value) {
        List<String> problems = new ArrayList<>();
        check(root, value, "$", problems);
        return problems;
    }

    private void check(JsonObject schema, JsonElement value, String path, List<String> problems) {
        for (String key : schema.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalStateException("schema keyword '" + key + "' at " + path + " is not supported by this validator");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").getAsString();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            check(root.getAsJsonObject("$defs").getAsJsonObject(ref.substring(8)), value, path, problems);
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(path + ": expected " + schema.get("type") + ", was " + value);
            return;
        }
        if (schema.has("enum") && !schema.getAsJsonArray("enum").contains(value)) {
            problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isJsonObject()) {
            JsonObject o = value.getAsJsonObject();
            if (schema.has("required")) {
                for (JsonElement r : schema.getAsJsonArray("required")) {
                    if (!o.has(r.getAsString())) {
                        problems.add(path + ": missing " + r.getAsString());
                    }
                }
            }
            JsonObject props = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                String p = path + "." + e.getKey();
                if (props.has(e.getKey())) {
                    check(props.getAsJsonObject(e.getKey()), e.getValue(), p, problems);
                } else if (schema.has("additionalProperties")) {
                    JsonElement extra = schema.get("additionalProperties");
                    if (extra.isJsonPrimitive() && !extra.getAsBoolean()) {
                        problems.add(p + ": not allowed");
                    } else if (extra.isJsonObject()) {
                        check(extra.getAsJsonObject(), e.getValue(), p, problems);
                    }
                }
            }
        }
        if (value.isJsonArray() && schema.has("items")) {
            JsonArray a = value.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                check(schema.getAsJsonObject("items"), a.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean typeMatches(JsonElement type, JsonElement value) {
        if (type.isJsonArray()) {
            for (JsonElement t : type.getAsJsonArray()) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.getAsString()) {
            case "object" -> value.isJsonObject();
            case "array" -> value.isJsonArray();
            case "string" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
            case "boolean" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
            case "null" -> value.isJsonNull();
            case "number" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
            case "integer" -> value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() && isInteger(value.getAsJsonPrimitive());
            default -> throw new IllegalStateException("unsupported type " + type);
        };
    }

    private static boolean isInteger(JsonPrimitive p) {
        return p.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
    }
}
