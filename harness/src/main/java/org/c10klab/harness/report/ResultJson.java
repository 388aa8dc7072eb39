package org.c10klab.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.server.DurationConverter;

/**
 * results.json: the result tree in snake_case, durations as typed on the command line ({@code 2s}),
 * enums in lower case; readable back into the same records, for comparisons across runs.
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = createMapper();

    private ResultJson() {
    }

    /** The configured mapper; thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The result as indented JSON. */
    public static String write(FloodResult result) throws IOException {
        return MAPPER.writeValueAsString(result);
    }

    /** Reads a results.json written by {@link #write}. */
    public static FloodResult read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), FloodResult.class);
    }

    private static ObjectMapper createMapper() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(DurationConverter.format(value));
            }
        });
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser json, DeserializationContext context) throws IOException {
                return DurationConverter.parse(json.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(durations)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
