/**
 * Outbound requests to agency endpoints: one guarded HTTPS client that refuses internal addresses
 * (also via DNS and redirects), and caps size and time.
 */
package de.dvc.iam.core.outbound;
