package de.dvc.iam.core.directory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The directory's trust manager, noting what the server presented and whether the chain alone was trusted, so a
 * validation report can tell "wrong CA" from "right CA, wrong host name" and judge a certificate it did not accept.
 * Decides exactly as the wrapped trust manager (host name check included); for one validation, not thread-safe.
 */
final class RecordingTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private X509Certificate[] chain;
    private boolean chainTrusted;

    RecordingTrust(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    X509Certificate[] chain() {
        return chain == null ? null : chain.clone();
    }

    boolean chainTrusted() {
        return chainTrusted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
        record(presented, authType);
        delegate.checkServerTrusted(presented, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
        record(presented, authType);
        delegate.checkServerTrusted(presented, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        record(presented, authType);
        delegate.checkServerTrusted(presented, authType);
    }

    private void record(X509Certificate[] presented, String authType) {
        chain = presented.clone();
        try {
            delegate.checkServerTrusted(presented, authType);
            chainTrusted = true;
        } catch (CertificateException e) {
            chainTrusted = false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("DVC is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("DVC is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        throw new CertificateException("DVC is the client here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
