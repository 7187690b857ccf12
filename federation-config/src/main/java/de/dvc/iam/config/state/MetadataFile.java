package de.dvc.iam.config.state;

import java.util.Objects;

/**
 * A SAML metadata file of the files, read for apply. The server keeps its path and SHA-256 (Keycloak keeps only
 * the settings parsed from it), so plan compares the content by the hash and export can name the file.
 *
 * @param path   as written in the agency file, relative to it
 * @param xml    its content
 * @param sha256 hex SHA-256 of the content (UTF-8)
 */
public record MetadataFile(String path, String xml, String sha256) {

    public MetadataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public String toString() {
        return "MetadataFile[" + path + ", sha256 " + sha256 + "]";
    }
}
