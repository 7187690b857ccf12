package de.dvc.iam.config.cli;

import picocli.CommandLine;

import java.util.Locale;

/** The {@code --format} option's values. */
final class Formats {

    private Formats() {
    }

    static ReportFormat parse(String value, CommandLine.Model.CommandSpec spec) {
        try {
            return ReportFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format is text or json, not '" + value + "'.");
        }
    }
}
