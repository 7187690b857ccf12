/**
 * The published JSON Schema (draft 2020-12) of the federation files, read from the class path, and the
 * translation of its errors into {@link de.dvc.iam.config.Problem}s with file, line and column.
 */
package de.dvc.iam.config.schema;
