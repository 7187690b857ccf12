package de.dvc.iam.core.audit;

import de.dvc.iam.core.crypto.KeyedHmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hash chain of the audit trail. Each row carries {@code hash = HMAC-SHA256(key, previous hash ‖ chain ‖
 * seq ‖ every field of the event)}, so changing a row, deleting one from the middle, reordering or
 * truncating the tail breaks the chain where it happened. The HMAC key is the operator's: someone who can
 * write the database but does not hold the key cannot forge a consistent chain (with a plain hash anyone
 * could recompute it after an edit).
 *
 * <p>A chain starts at {@link #GENESIS}. Retention deletes a chain's oldest rows and keeps the last
 * deleted row's sequence number and hash as the chain's anchor; verification starts from the anchor.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditChain {

    /** The previous hash of a chain's first row. */
    public static final String GENESIS = "0".repeat(64);

    private final KeyedHmac hmac;

    public AuditChain(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("The audit chain key must be at least 32 bytes.");
        }
        this.hmac = new KeyedHmac(key);
    }


    /** The hash of row {@code seq} of {@code chain} holding {@code event} of no realm, linked to {@code previousHash}. */
    public String link(String chain, long seq, String previousHash, AuditEvent event) {
        return link(chain, seq, previousHash, null, event);
    }

    /**
     * The hash of row {@code seq} of {@code chain} holding {@code event} of realm {@code realmId} (null for the trail's
     * own rows), linked to {@code previousHash}. The realm is covered: moving a row into or out of an agency admin's
     * view changes its hash.
     */
    public String link(String chain, long seq, String previousHash, String realmId, AuditEvent event) {
        return mac(previousHash, chain, Long.toString(seq), realmId, Long.toString(event.time().toEpochMilli()),
                event.type(), event.user(), event.agencyUser(), event.agency(), event.idp(), event.acr(), event.service(),
                event.outcome(), event.reason(), event.actor());
    }

    /**
     * The seal of a chain's head row: its head and anchor under the key, so that moving the anchor (hiding deleted rows)
     * or the head (hiding a cut-off tail) without the key is found. Putting back an older head with its older seal is
     * not: the trail's JSON lines outside the database are the check for that.
     */
    public String seal(String chain, long headSeq, String headHash, long anchorSeq, String anchorHash) {
        return mac("head", chain, Long.toString(headSeq), headHash, Long.toString(anchorSeq), anchorHash);
    }

    private String mac(String... fields) {
        StringBuilder canonical = new StringBuilder(256);
        // Length-prefixed fields: no value can be shifted into its neighbour ("ab"+"c" ≠ "a"+"bc"); null ≠ "".
        for (String field : fields) {
            if (field == null) {
                canonical.append("-;");
            } else {
                canonical.append(field.length()).append(':').append(field).append(';');
            }
        }
        // doFinal resets the Mac for the thread's next use
        return HexFormat.of().formatHex(hmac.mac().doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A verifier for one chain, fed its rows in sequence order after the anchor. */
    public Verifier verifier(String chain, long anchorSeq, String anchorHash) {
        return new Verifier(chain, anchorSeq, anchorHash);
    }

    /** One stored row as the verifier reads it. */
    public record Row(long seq, String previousHash, String hash, String realmId, AuditEvent event) {
        /** A row of no realm (the trail's own rows). */
        public Row(long seq, String previousHash, String hash, AuditEvent event) {
            this(seq, previousHash, hash, null, event);
        }
    }

    /**
     * The verdict on one chain.
     *
     * @param rows    rows checked
     * @param brokenAt sequence number of the first row that does not fit, or of the missing one; null if intact
     * @param problem what does not fit; null if intact
     */
    public record Verdict(String chain, long rows, Long brokenAt, String problem) {
        public boolean intact() {
            return problem == null;
        }
    }

    /** Checks one chain row by row; not thread-safe. */
    public final class Verifier {
        private final String chain;
        private long seq;
        private String hash;
        private long rows;
        private Long brokenAt;
        private String problem;

        private Verifier(String chain, long anchorSeq, String anchorHash) {
            this.chain = Objects.requireNonNull(chain);
            this.seq = anchorSeq;
            this.hash = Objects.requireNonNull(anchorHash);
        }

        /** The next row; after the first problem further rows are ignored. */
        public void accept(Row row) {
            if (problem != null) {
                return;
            }
            rows++;
            if (row.seq() != seq + 1) {
                fail(seq + 1, row.seq() > seq + 2 ? "rows " + (seq + 1) + " to " + (row.seq() - 1) + " are missing"
                        : row.seq() == seq + 2 ? "row " + (seq + 1) + " is missing"
                        : "row " + row.seq() + " is out of order or duplicated");
            } else if (!hash.equals(row.previousHash())) {
                fail(row.seq(), "row " + row.seq() + " does not link to its predecessor (a row before it was changed or removed)");
            } else if (!link(chain, row.seq(), row.previousHash(), row.realmId(), row.event()).equals(row.hash())) {
                fail(row.seq(), "row " + row.seq() + " was changed after it was written");
            } else {
                seq = row.seq();
                hash = row.hash();
            }
        }

        /** The verdict, given the chain's recorded head: rows cut off at the end are found here. */
        public Verdict finish(long headSeq, String headHash) {
            if (problem == null && seq < headSeq) {
                fail(seq + 1, "rows " + (seq + 1) + " to " + headSeq + " are missing at the end of the chain");
            } else if (problem == null && (seq != headSeq || !hash.equals(headHash))) {
                fail(headSeq, "the last row does not match the chain's head (row " + headSeq + "): the head or the tail was changed");
            }
            return new Verdict(chain, rows, brokenAt, problem);
        }

        private void fail(long at, String what) {
            brokenAt = at;
            problem = what;
        }
    }
}
