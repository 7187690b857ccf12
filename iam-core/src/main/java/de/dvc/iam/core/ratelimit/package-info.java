/** Request rates of unauthenticated endpoints (the agency search): a bounded token bucket per client. */
package de.dvc.iam.core.ratelimit;
