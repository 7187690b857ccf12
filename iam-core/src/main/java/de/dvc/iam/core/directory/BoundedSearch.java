package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One user search with hard bounds whatever the directory does: at most {@code limit} entries kept (the request's
 * size limit asks the server for the same; a server that ignores it is cut off at the first entry over it), search
 * result references (referrals) are never followed, and the whole search — not each of its answers, as the SDK's
 * response timeout would — ends by the deadline. A connection whose search was cut off is discarded, not reused.
 */
final class BoundedSearch {

    /** What the directory answered: the entries kept, and whether there were more than the limit. */
    record Answer(List<SearchResultEntry> entries, boolean overflow, int references, ResultCode resultCode) {
    }

    private BoundedSearch() {
    }

    /**
     * @param request a search request without listener; its size limit should be {@code limit}
     * @throws LDAPException on connection failure, or {@link ResultCode#TIMEOUT} when the deadline passed
     */
    static Answer run(LDAPConnectionPool pool, SearchRequest request, int limit, long timeoutMillis) throws LDAPException {
        Collector collector = new Collector(limit);
        SearchRequest bounded = new SearchRequest(collector, request.getBaseDN(), request.getScope(),
                request.getDereferencePolicy(), request.getSizeLimit(), request.getTimeLimitSeconds(), false,
                request.getFilter(), request.getAttributes());
        bounded.setFollowReferrals(false);
        bounded.setResponseTimeoutMillis(timeoutMillis);
        LDAPConnection connection = pool.getConnection();
        boolean reusable = false;
        try {
            AsyncRequestID id = connection.asyncSearch(bounded);
            boolean answered = collector.done.await(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!answered || collector.overflow()) {
                connection.abandon(id);
            }
            if (!answered && !collector.overflow()) {
                throw new LDAPException(ResultCode.TIMEOUT, "the search was not answered completely within " + timeoutMillis + " ms");
            }
            reusable = answered && !collector.overflow() && collector.answer().resultCode().isConnectionUsable();
            return collector.answer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPException(ResultCode.LOCAL_ERROR, "interrupted while waiting for the directory");
        } finally {
            if (reusable) {
                pool.releaseConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    /** Keeps the first entries, counts the rest, and signals the end or the first entry over the limit. */
    private static final class Collector implements AsyncSearchResultListener {
        private final int limit;
        private final List<SearchResultEntry> entries = new ArrayList<>();
        private final CountDownLatch done = new CountDownLatch(1);
        private int count;
        private int references;
        private ResultCode resultCode;

        Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void searchEntryReturned(SearchResultEntry entry) {
            count++;
            if (count <= limit) {
                entries.add(entry);
            } else {
                done.countDown();
            }
        }

        @Override
        public synchronized void searchReferenceReturned(SearchResultReference reference) {
            references++;
        }

        @Override
        public synchronized void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
            resultCode = result.getResultCode();
            done.countDown();
        }

        synchronized boolean overflow() {
            return count > limit;
        }

        synchronized Answer answer() {
            return new Answer(List.copyOf(entries), count > limit, references, resultCode);
        }
    }
}
