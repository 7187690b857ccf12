package de.dvc.iam.keycloak.outbound;

import org.apache.http.HttpEntity;
import org.apache.http.client.entity.EntityBuilder;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.AbstractResponseHandler;
import org.apache.http.impl.client.BasicResponseHandler;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.connections.httpclient.SafeInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Keycloak's outbound HTTP client, guarded: the one pooled client of {@link GuardedHttpClientFactory}, with the
 * convenience calls of {@link HttpClientProvider} behaving as in Keycloak's default provider, except that
 * {@link #getInputStream} is capped at the maximum response size too (the default caps only {@link #getString}).
 */
final class GuardedHttpClientProvider implements HttpClientProvider {

    private final CloseableHttpClient client;
    private final long maxConsumedResponseSize;

    GuardedHttpClientProvider(CloseableHttpClient client, long maxConsumedResponseSize) {
        this.client = client;
        this.maxConsumedResponseSize = maxConsumedResponseSize;
    }

    @Override
    public CloseableHttpClient getHttpClient() {
        return client;
    }

    @Override
    public int postText(String uri, String text) throws IOException {
        HttpPost request = new HttpPost(uri);
        request.setEntity(EntityBuilder.create().setText(text).setContentType(ContentType.TEXT_PLAIN).build());
        try (CloseableHttpResponse response = client.execute(request)) {
            EntityUtils.consumeQuietly(response.getEntity());
            return response.getStatusLine().getStatusCode();
        }
    }

    @Override
    public String getString(String uri) throws IOException {
        try (CloseableHttpResponse response = client.execute(new HttpGet(uri))) {
            String body = new BasicResponseHandler() {
                @Override
                public String handleEntity(HttpEntity entity) throws IOException {
                    return EntityUtils.toString(capped(entity));
                }
            }.handleResponse(response);
            if (body == null) {
                throw new IOException("No content returned from HTTP call");
            }
            return body;
        }
    }

    /** The body of a 2xx answer; the caller closes it, which releases the connection. */
    @Override
    public InputStream getInputStream(String uri) throws IOException {
        InputStream body = new AbstractResponseHandler<InputStream>() {
            @Override
            public InputStream handleEntity(HttpEntity entity) throws IOException {
                return capped(entity).getContent();
            }
        }.handleResponse(client.execute(new HttpGet(uri)));
        if (body == null) {
            throw new IOException("No content returned from HTTP call");
        }
        return body;
    }

    @Override
    public long getMaxConsumedResponseSize() {
        return maxConsumedResponseSize;
    }

    private HttpEntity capped(HttpEntity entity) {
        return new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
                return new SafeInputStream(super.getContent(), maxConsumedResponseSize);
            }
        };
    }

    @Override
    public void close() {
        // the client belongs to the factory and serves all sessions
    }
}
