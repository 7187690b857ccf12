/** YAML files read with the line and column of every key and value, and written for the CSV import. */
package de.dvc.iam.config.yaml;
