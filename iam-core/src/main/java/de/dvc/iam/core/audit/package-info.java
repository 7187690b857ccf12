/** The audit log's events and the pseudonyms they carry instead of user ids. */
package de.dvc.iam.core.audit;
