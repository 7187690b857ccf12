package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10RequestControl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Checks logins at one agency's directory, isolated from every other directory: its own connection pool (opened at
 * the first login, bound as the service account), at most {@code poolSize} logins at once (more wait up to the
 * connect timeout, then get "unavailable"), every step bounded by the settings' timeouts, and a
 * {@link CircuitBreaker} that fails fast while the directory keeps failing. A login is one search (by the login
 * attribute, within the user filter, value escaped per RFC 4515 through the SDK's filter API) and one bind as the
 * entry found, on a pooled connection that is re-bound as the service account afterwards; the password is neither
 * kept nor logged, and an empty one is refused before any LDAP call.
 *
 * <p>Thread-safe: one instance per registered directory, shared by all logins of its agency. {@link #close()}
 * when the registration changes or is retired.
 */
public final class DirectoryClient implements AutoCloseable {

    /** Longer login names are refused unasked: no directory uses them, and they would only be filter payload. */
    public static final int MAX_LOGIN_NAME = 256;
    /** Two entries are enough to know that a login name is ambiguous. */
    static final int SIZE_LIMIT = 2;

    private final String directory;
    private final DirectorySettings settings;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Semaphore inFlight;
    private final DirectoryPool pool;
    private final Filter userFilter;
    private volatile boolean closed;

    /** @param directory the directory's registration alias, part of every subject */
    public DirectoryClient(String directory, DirectorySettings settings, DirectoryNetworkGuard guard) {
        this(directory, settings, guard, CircuitBreaker.standard(), Clock.systemUTC());
    }

    public DirectoryClient(String directory, DirectorySettings settings, DirectoryNetworkGuard guard, CircuitBreaker breaker,
                           Clock clock) {
        this.directory = directory;
        this.settings = settings;
        this.pool = new DirectoryPool(directory, new DirectoryConnector(settings, guard, null),
                settings.connectTimeout().plus(settings.bindTimeout()));
        this.breaker = breaker;
        this.clock = clock;
        this.inFlight = new Semaphore(settings.poolSize());
        try {
            this.userFilter = Filter.create(settings.userFilter());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("userFilter does not parse", e);
        }
    }

    public String directory() {
        return directory;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /**
     * Checks {@code password} for {@code loginName} at this directory. Never throws for anything the directory
     * does. Each step is bounded, so the worst case is their sum: waiting for a free slot (connect timeout), opening
     * the pool on first use (connect + bind), the search, the user's bind and the service account's re-bind (bind
     * timeout each) — about 26 s with the defaults, once; after {@link CircuitBreaker#DEFAULT_FAILURE_THRESHOLD}
     * such failures the breaker answers at once.
     *
     * @param password read, never kept; the caller wipes it
     */
    public LoginOutcome login(String loginName, char[] password) {
        if (password == null || password.length == 0) {
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "empty password, refused before any LDAP call"
                    + " (an empty simple bind is an unauthenticated bind that succeeds, RFC 4513 section 5.1.2)");
        }
        String name = loginName == null ? "" : loginName.strip();
        if (name.isEmpty() || name.length() > MAX_LOGIN_NAME) {
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "login name empty or longer than " + MAX_LOGIN_NAME
                    + " characters, refused before any LDAP call");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            // OpenLDAP compares an escaped NUL (\00) as the end of the value: "paul@a.example\0@b.example" would find paul.
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "control character in the login name, refused before any LDAP call");
        }
        if (closed) {
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "the directory's client was closed (registration changed)");
        }
        try {
            if (!inFlight.tryAcquire(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "all " + settings.poolSize()
                        + " connections to the directory stayed busy for " + settings.connectTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "interrupted while waiting for a connection");
        }
        try {
            if (!breaker.tryAcquire()) {
                return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "circuit breaker open after repeated failures;"
                        + " next try in " + breaker.remainingCoolDown().toSeconds() + " s");
            }
            return checked(name, password);
        } finally {
            inFlight.release();
        }
    }

    /** Runs the login and tells the breaker how the directory behaved. */
    private LoginOutcome checked(String name, char[] password) {
        try {
            LoginOutcome outcome = search(name, password);
            breaker.succeeded();
            return outcome;
        } catch (LDAPException e) {
            Optional<String> guard = guardRefusal(e);
            if (guard.isPresent()) {
                breaker.abandoned();
                return LoginOutcome.refused(LoginRefusal.REFUSED_BY_GUARD, "network guard: " + guard.get());
            }
            breaker.failed();
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, describe(e));
        } catch (RuntimeException e) {
            breaker.failed();
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "unexpected " + e.getClass().getSimpleName());
        }
    }

    /** The search and the bind; throws only when the directory failed (not reachable, too slow, busy). */
    private LoginOutcome search(String name, char[] password) throws LDAPException {
        LDAPConnectionPool connections = pool.get();
        Filter filter = Filter.createANDFilter(userFilter, Filter.createEqualityFilter(settings.loginAttribute().ldapName(), name));
        int timeLimit = (int) Math.max(1, (settings.searchTimeout().toMillis() + 999) / 1000);
        SearchRequest request = new SearchRequest(settings.baseDn(), SearchScope.SUB, DereferencePolicy.NEVER, SIZE_LIMIT,
                timeLimit, false, filter, settings.profile().requestedAttributes().toArray(String[]::new));
        BoundedSearch.Answer answer = BoundedSearch.run(connections, request, SIZE_LIMIT, settings.searchTimeout().toMillis());
        ResultCode result = answer.resultCode();
        if (answer.overflow() || answer.entries().size() > 1 || result == ResultCode.SIZE_LIMIT_EXCEEDED) {
            return LoginOutcome.refused(LoginRefusal.AMBIGUOUS, "more than one entry matches the login name in "
                    + settings.loginAttribute().ldapName());
        }
        if (failureOfDirectory(result)) {
            throw new LDAPException(result, "the search ended with " + result.getName());
        }
        if (result == ResultCode.REFERRAL) {
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "the directory answered with a referral, which DVC"
                    + " does not follow: set the base DN to a naming context this server holds");
        }
        if (result != ResultCode.SUCCESS) {
            return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "the user search failed with result "
                    + result.intValue() + " (" + result.getName() + "); check the base DN and the service account's rights");
        }
        if (answer.entries().isEmpty()) {
            return LoginOutcome.refused(LoginRefusal.INVALID_CREDENTIALS, "no entry matches the login name"
                    + (answer.references() > 0 ? " (" + answer.references() + " referrals not followed)" : ""));
        }
        return bind(connections, answer.entries().get(0), password);
    }

    private LoginOutcome bind(LDAPConnectionPool connections, SearchResultEntry entry, char[] password) throws LDAPException {
        byte[] secret = utf8(password);
        try {
            Control[] controls = settings.profile() == DirectoryProfile.INET_ORG_PERSON
                    ? new Control[] {new DraftBeheraLDAPPasswordPolicy10RequestControl()} : new Control[0];
            SimpleBindRequest bind = new SimpleBindRequest(entry.getDN(), secret, controls);
            bind.setResponseTimeoutMillis(settings.bindTimeout().toMillis());
            BindResult result;
            try {
                result = connections.bindAndRevertAuthentication(bind);
            } catch (LDAPException e) {
                if (failureOfDirectory(e.getResultCode())) {
                    throw e;
                }
                return BindRejection.classify(e.toLDAPResult());
            }
            Optional<LoginOutcome.Refused> refused = BindRejection.afterSuccess(result)
                    .or(() -> AccountState.refusal(settings.profile(), entry, clock.instant()));
            if (refused.isPresent()) {
                return refused.get();
            }
            try {
                return new LoginOutcome.Success(EntryMapping.account(directory, settings.profile(), settings.groupRoles(), entry));
            } catch (IllegalArgumentException e) {
                return LoginOutcome.refused(LoginRefusal.DIRECTORY_UNAVAILABLE, "password accepted, but " + e.getMessage());
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Whether a result means the directory did not work (as opposed to: it answered, whatever it said). */
    static boolean failureOfDirectory(ResultCode code) {
        return code == null || !code.isConnectionUsable() || code == ResultCode.TIMEOUT || code == ResultCode.BUSY
                || code == ResultCode.UNAVAILABLE || code == ResultCode.TIME_LIMIT_EXCEEDED
                || code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN;
    }

    /** The result code and, for errors the SDK raised itself, its message; never text the directory sent. */
    private static String describe(LDAPException e) {
        ResultCode code = e.getResultCode();
        String text = "directory failed: result " + code.intValue() + " (" + code.getName() + ")";
        // The SDK's timeout messages name the bind DN (a person, and text the directory chose): result code only then.
        boolean timeout = code == ResultCode.TIMEOUT;
        return ResultCode.isClientSideResultCode(code) && !timeout && e.getMessage() != null ? text + ": " + e.getMessage() : text;
    }

    private static Optional<String> guardRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedSocketFactory.GuardRefusal refusal) {
                return Optional.of(refusal.getMessage());
            }
        }
        return Optional.empty();
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    @Override
    public String toString() {
        return "DirectoryClient[" + directory + ", " + settings.url() + ", " + breaker + "]";
    }
}
