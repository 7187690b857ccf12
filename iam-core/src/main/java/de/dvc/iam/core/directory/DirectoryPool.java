package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The service-account connection pool of one directory, opened at its first use rather than at startup: with a
 * thousand registered directories, DVC must not dial them all when it boots, nor fail to boot when some are down.
 * One login opens it; others wait at most the time that takes (connect and bind timeouts), then give up rather
 * than queue behind a directory that hangs. A failed opening is retried by the next login (the circuit breaker
 * decides how soon). Thread-safe.
 */
final class DirectoryPool implements AutoCloseable {

    private final String directory;
    private final DirectoryConnector connector;
    private final Duration openingWait;
    private final ReentrantLock opening = new ReentrantLock();
    private volatile LDAPConnectionPool pool;
    private volatile boolean closed;

    DirectoryPool(String directory, DirectoryConnector connector, Duration openingWait) {
        this.directory = directory;
        this.connector = connector;
        this.openingWait = openingWait;
    }

    LDAPConnectionPool get() throws LDAPException {
        LDAPConnectionPool current = pool;
        if (current != null) {
            return current;
        }
        try {
            if (!opening.tryLock(openingWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LDAPException(ResultCode.TIMEOUT, "another login is still opening the first connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPException(ResultCode.LOCAL_ERROR, "interrupted while opening the first connection");
        }
        try {
            if (closed) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "the directory's client was closed");
            }
            if (pool == null) {
                pool = connector.pool(directory);
            }
            return pool;
        } finally {
            opening.unlock();
        }
    }

    @Override
    public void close() {
        opening.lock();
        try {
            closed = true;
            if (pool != null) {
                pool.close();
            }
        } finally {
            opening.unlock();
        }
    }
}
