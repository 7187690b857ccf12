package de.dvc.iam.config.cli;

import de.dvc.iam.config.adopt.AdoptionFiles;
import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.state.Adoption;
import de.dvc.iam.config.state.ServerException;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.WriteFailed;
import de.dvc.iam.config.validate.FederationFiles;
import de.dvc.iam.config.validate.FederationValidator;
import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dvc-config adopt DIR ALIAS --server URL}: a self-service registration moves into the files. */
@Command(name = "adopt", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Moves the self-service registration ALIAS into the federation files: writes its IdP into its agency's "
                + "file in DIR (as export would; the domains its registration proved are added to the agency's), checks the "
                + "whole directory, then has the server mark the registration adopted: its IdP is owned by dvc-config from "
                + "then on, its history stays readable in the registration API, which refuses changes to it. Logins go on "
                + "unchanged. Only an approved registration (active or suspended) without a pending change can be adopted, "
                + "a SAML one only if its metadata comes from a URL. Afterwards plan of DIR shows no change for the IdP "
                + "(an OIDC IdP: its client secret, once set in the variable named).",
        footer = {"", "Exit codes: 0 adopted, 1 DIR is not valid or cannot take the IdP (nothing written), 2 usage error, "
                + "3 fault of the tool, 5 server unreachable, login refused, or the server refused the adoption (the file is "
                + "as it was)."})
final class AdoptCommand implements java.util.concurrent.Callable<Integer>, ServerCommand {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The federation directory, holding the registration's agency.")
    private Path directory;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The registration's alias (its IdP's alias).")
    private String alias;

    @Mixin
    private ServerOptions server;

    private Environment environment = Environment.SYSTEM;

    @Override
    public void environment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No directory " + directory + ": name the federation directory.");
        }
        FederationValidator validator = CheckCache.validator();
        FederationFiles.Read read = FederationFiles.read(directory);
        ValidationReport current = validator.validate(directory, read.files(), read.problems());
        if (!current.valid()) {
            ReportFormat.TEXT.print(out, current.problems(), false, directory + ": INVALID: " + current.errors()
                    + (current.errors() == 1 ? " error" : " errors") + "; fix them before adopting. Nothing written.");
            return DvcConfig.INVALID;
        }
        Federation federation = current.federation();
        String realm = server.realm().orElse(federation.settings().realm());
        try (ServerState state = environment.connector().connect(server, realm, environment.secrets())) {
            Adoption adoption;
            try {
                adoption = state.adoption(alias);
            } catch (WriteFailed e) {
                boolean described = federation.idps().anyMatch(i -> i.alias().equals(alias));
                err.println("dvc-config: the server refuses to adopt '" + alias + "': " + e.getMessage()
                        + (described ? " The files describe an IdP '" + alias + "' already: if an earlier adopt was cut off, it "
                        + "may have been adopted; dvc-config plan " + directory + " shows whether server and files agree." : "")
                        + " Nothing written.");
                return DvcConfig.SERVER;
            }
            AdoptionFiles.Change change;
            try {
                change = AdoptionFiles.change(directory, read, current, adoption, validator);
            } catch (IllegalArgumentException e) {
                err.println("dvc-config: " + e.getMessage() + " Nothing written.");
                return DvcConfig.INVALID;
            }
            if (!change.report().valid()) {
                ReportFormat.TEXT.print(out, change.report().problems(), false, "With IdP " + alias + " in " + change.file()
                        + ", " + directory + " would not be valid: " + change.report().errors()
                        + (change.report().errors() == 1 ? " error" : " errors") + ". Nothing written.");
                return DvcConfig.INVALID;
            }
            if (!change.described()) {
                new SourceFile(change.file(), change.after()).write();
            }
            try {
                state.adopt(alias);
            } catch (WriteFailed e) {
                if (!change.described()) {
                    new SourceFile(change.file(), change.before()).write();
                }
                err.println("dvc-config: the server refused to adopt '" + alias + "': " + e.getMessage() + " "
                        + change.file() + " is as it was.");
                return DvcConfig.SERVER;
            } catch (ServerException e) {
                // the answer was lost: the server may have adopted it; files that describe it are the safe side
                err.println("dvc-config: adopting '" + alias + "' got no answer (" + e.getMessage() + "): it may or may not "
                        + "have happened. " + change.file() + " describes the IdP now; run the same adopt again: it finishes "
                        + "the adoption, or answers that there is no such registration if it happened.");
                return DvcConfig.SERVER;
            }
            out.println("Adopted registration " + alias + " of agency " + adoption.agency() + " (" + adoption.idp().spec().protocol().code()
                    + ", " + adoption.lifecycle().code() + "): "
                    + (change.described() ? change.file() + " described it already." : "written into " + change.file()
                    + (change.addedDomains().isEmpty() ? "" : ", with the agency's new domains " + String.join(", ", change.addedDomains()))
                    + "."));
            out.println("dvc-config owns the IdP from now on; its registration history stays readable in the registration API, "
                    + "which refuses changes to it.");
            String secretName = adoption.idp().spec().protocol() == de.dvc.iam.config.model.Protocol.LDAP ? "directory's bind secret"
                    : "IdP's client secret";
            change.secretToSet().ifPresent(s -> out.println("Set " + s.reference() + " to the " + secretName + " before the "
                    + "next apply: the server does not reveal it, and apply writes what the files name."));
            out.println("Next: review and commit " + change.file() + "; dvc-config plan " + directory + " shows no change for it"
                    + (change.secretToSet().isPresent() ? " but its secret." : "."));
            return DvcConfig.VALID;
        } catch (ServerException e) {
            err.println("dvc-config: " + e.getMessage());
            return DvcConfig.SERVER;
        }
    }
}
