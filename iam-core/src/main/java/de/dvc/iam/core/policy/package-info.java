/** Access policies (authorization, secondary): which identities a service admits. */
package de.dvc.iam.core.policy;
