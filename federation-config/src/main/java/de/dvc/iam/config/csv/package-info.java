/** {@code import-csv}: the fixture format ({@code agencies.csv}) written as agency files, split by state. */
package de.dvc.iam.config.csv;
