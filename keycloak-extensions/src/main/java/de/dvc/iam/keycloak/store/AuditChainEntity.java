package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one audit chain ({@code DVC_AUDIT_CHAIN}): its last row's sequence number and hash, so a
 * cut-off tail is detected, and the anchor (last row deleted by retention) verification starts from, both sealed
 * under the chain key. Writers lock this row to append, which orders the chain.
 */
@Entity
@Table(name = "DVC_AUDIT_CHAIN")
public class AuditChainEntity {

    @Id
    @Column(name = "CHAIN_ID", length = 64)
    private String chain;
    @Column(name = "HEAD_SEQ", nullable = false)
    private long headSeq;
    @Column(name = "HEAD_HASH", length = 64, nullable = false)
    private String headHash;
    @Column(name = "ANCHOR_SEQ", nullable = false)
    private long anchorSeq;
    @Column(name = "ANCHOR_HASH", length = 64, nullable = false)
    private String anchorHash;
    @Column(name = "OPENED", nullable = false)
    private long opened;
    /** HMAC of head and anchor under the chain key ({@link de.dvc.iam.core.audit.AuditChain#seal}). */
    @Column(name = "SEAL", length = 64, nullable = false)
    private String seal;

    public String getChain() { return chain; }
    public void setChain(String chain) { this.chain = chain; }
    public long getHeadSeq() { return headSeq; }
    public void setHeadSeq(long headSeq) { this.headSeq = headSeq; }
    public String getHeadHash() { return headHash; }
    public void setHeadHash(String headHash) { this.headHash = headHash; }
    public long getAnchorSeq() { return anchorSeq; }
    public void setAnchorSeq(long anchorSeq) { this.anchorSeq = anchorSeq; }
    public String getAnchorHash() { return anchorHash; }
    public void setAnchorHash(String anchorHash) { this.anchorHash = anchorHash; }
    public long getOpened() { return opened; }
    public void setOpened(long opened) { this.opened = opened; }
    public String getSeal() { return seal; }
    public void setSeal(String seal) { this.seal = seal; }
}
