package de.dvc.iam.config.state;

/**
 * The federation on a running DVC IAM server, as plan, apply and export see it: read whole, written one object
 * at a time.
 *
 * <p>Contract of {@link #write}: an object is written completely or not at all — an IdP with its profile mapper
 * and its link to its agency; if a later step fails, the earlier ones are taken back ({@link WriteFailed#undone()}
 * says whether that worked). Every object a write creates carries the ownership marker from its first step on,
 * so a half-written object (its undo failed too) is owned and the next apply completes it. Writes of different
 * objects may run in parallel; implementations are thread-safe.
 */
public interface ServerState extends AutoCloseable {

    /**
     * @throws ServerException if the server cannot be read (unreachable, login refused, no such realm)
     */
    Snapshot read();

    /**
     * @throws WriteFailed      if the object could not be written; nothing of it remains if {@code undone()}
     * @throws ServerException  if the server cannot be reached at all
     */
    void write(Write write);

    /**
     * Moves the self-service registration {@code alias} into the files' ownership on the server (its history kept).
     *
     * @throws WriteFailed     if the server refuses (no such registration, or it cannot be adopted: the reason)
     * @throws ServerException if the server cannot be reached at all
     */
    default void adopt(String alias) {
        throw new ServerException("This server cannot adopt registrations.");
    }

    /**
     * What adopting the self-service registration {@code alias} would put into the files; changes nothing.
     *
     * @throws WriteFailed     if the server refuses (no such registration, or it cannot be adopted: the reason)
     * @throws ServerException if the server cannot be reached or refuses the login
     */
    default Adoption adoption(String alias) {
        throw new ServerException("This server cannot adopt registrations.");
    }

    @Override
    default void close() {
        // nothing held by default
    }
}
