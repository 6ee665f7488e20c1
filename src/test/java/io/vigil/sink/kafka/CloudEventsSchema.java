package io.vigil.sink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vigil.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The CloudEvents 1.0 JSON schema of {@code ../shared/schemas} (skips, or fails on CI, when absent). */
final class CloudEventsSchema {
    private final JsonSchema schema;

    private CloudEventsSchema(JsonSchema schema) {
        this.schema = schema;
    }

    static CloudEventsSchema load() throws IOException {
        return new CloudEventsSchema(
                schema(SharedData.require("schemas/cloudevents-1.0.json"), SpecVersion.VersionFlag.V7));
    }

    static JsonSchema schema(Path file, SpecVersion.VersionFlag version) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(version).getSchema(in);
        }
    }

    Set<ValidationMessage> validate(JsonNode event) {
        return schema.validate(event);
    }
}
