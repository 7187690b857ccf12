/**
 * Who holds the federation's roles by the federation files ({@code settings.yaml} {@code roles}): {@link
 * de.dvc.iam.core.roles.RoleHolders}, written by {@code dvc-config apply} into a realm attribute and read by the
 * registration API at every call.
 */
package de.dvc.iam.core.roles;
