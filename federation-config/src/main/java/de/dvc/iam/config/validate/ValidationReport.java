package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.Federation;

import java.util.List;

/**
 * What {@code validate} found. The files are valid when there is no error; warnings are reported only.
 *
 * @param federation the specs of the files that passed YAML, kind and schema (the rules' input)
 * @param problems   every problem, by file, line and column
 * @param files      how many files were read
 */
public record ValidationReport(Federation federation, List<Problem> problems, int files) {

    public ValidationReport {
        problems = problems.stream().sorted(Problem.ORDER).toList();
    }

    public boolean valid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public long errors() {
        return problems.stream().filter(Problem::isError).count();
    }

    public long warnings() {
        return problems.size() - errors();
    }

    /** "12 files: 10 agencies (14 IdPs), 1 service, settings" for the summary line. */
    public String summary() {
        long idps = federation.idps().count();
        int agencies = federation.agencies().size();
        return files + (files == 1 ? " file: " : " files: ") + agencies + (agencies == 1 ? " agency (" : " agencies (")
                + idps + (idps == 1 ? " IdP), " : " IdPs), ")
                + federation.services().size() + (federation.services().size() == 1 ? " service" : " services")
                + (federation.settings().origin().isPresent() ? ", settings" : ", default settings");
    }
}
