package de.dvc.iam.keycloak.store;

import de.dvc.iam.core.email.EmailAddress;
import de.dvc.iam.core.onboarding.Invitation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes invitations ({@link InvitationEntity}) in the caller's transaction. */
public final class InvitationStore {

    private final EntityManager em;

    public InvitationStore(EntityManager em) {
        this.em = em;
    }

    public void add(String realmId, Invitation invitation, String codeHash) {
        InvitationEntity entity = new InvitationEntity();
        entity.setId(invitation.id());
        entity.setRealmId(realmId);
        entity.setAgency(invitation.agency());
        entity.setEmail(invitation.email().toString());
        entity.setName(invitation.name());
        entity.setCodeHash(codeHash);
        entity.setInvitedBy(invitation.invitedBy());
        entity.setCreated(invitation.created().toEpochMilli());
        entity.setExpires(invitation.expires().toEpochMilli());
        em.persist(entity);
    }

    /** The invitation of a link, locked until the transaction ends: two tabs accepting at once get one account. */
    public Optional<InvitationEntity> byCodeHashLocked(String realmId, String codeHash) {
        return em.createQuery("select i from InvitationEntity i where i.codeHash = :hash and i.realmId = :realm", InvitationEntity.class)
                .setParameter("hash", codeHash).setParameter("realm", realmId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    public Optional<InvitationEntity> byCodeHash(String realmId, String codeHash) {
        return em.createQuery("select i from InvitationEntity i where i.codeHash = :hash and i.realmId = :realm", InvitationEntity.class)
                .setParameter("hash", codeHash).setParameter("realm", realmId).getResultStream().findFirst();
    }

    public Optional<InvitationEntity> byId(String realmId, String agency, String id) {
        InvitationEntity entity = em.find(InvitationEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        return entity != null && entity.getRealmId().equals(realmId) && entity.getAgency().equals(agency) ? Optional.of(entity) : Optional.empty();
    }

    /** An agency's invitations, newest first (at most 200: an agency invites a handful of admins). */
    public List<InvitationEntity> ofAgency(String realmId, String agency) {
        return em.createQuery("select i from InvitationEntity i where i.realmId = :realm and i.agency = :agency order by i.created desc",
                        InvitationEntity.class)
                .setParameter("realm", realmId).setParameter("agency", agency).setMaxResults(200).getResultList();
    }

    /** The iam-core view of a row. */
    public static Invitation invitation(InvitationEntity entity) {
        return new Invitation(entity.getId(), entity.getAgency(), EmailAddress.parse(entity.getEmail()).orElseThrow(() ->
                new IllegalStateException("Invitation " + entity.getId() + " has no valid address in the database")),
                entity.getName(), entity.getInvitedBy(), Instant.ofEpochMilli(entity.getCreated()), Instant.ofEpochMilli(entity.getExpires()),
                Optional.ofNullable(entity.getAccepted()).map(Instant::ofEpochMilli), Optional.ofNullable(entity.getRevoked()).map(Instant::ofEpochMilli));
    }
}
