package io.vigil.scan;

import java.util.List;

/** Everything read from the scan's arguments. */
public record ScanInput(List<ScannedObject> objects, List<InputError> errors, int files) {
    public ScanInput {
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
    }
}
