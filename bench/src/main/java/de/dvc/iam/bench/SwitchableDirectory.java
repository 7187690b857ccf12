package de.dvc.iam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agency directory's address that the benchmark can make hang and recover: a TCP relay on {@code address:port} to the
 * real directory (bytes passed through as they are, so TLS is end to end). {@link #hang()}: the directory's connections
 * stop answering (the relay drops its side to the directory, but keeps the client's connection open) and new
 * connections are accepted and never answered, as a directory whose server process is stuck — DirectoryLoginIT's last
 * test. {@link #recover()}: the hanging connections are closed, new ones reach the directory again. Thread-safe.
 */
final class SwitchableDirectory implements AutoCloseable {

    private final ServerSocket socket;
    private final InetSocketAddress directory;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Socket> upstream = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean hanging;
    private volatile int acceptedWhileHanging;

    /** @param directoryPort the real directory, on the same address */
    SwitchableDirectory(String address, int directoryPort) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName(address));
        directory = new InetSocketAddress(InetAddress.getByName(address), directoryPort);
        acceptor = new Thread(this::accept, "switchable-directory");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted and never answered since the last {@link #hang()}. */
    int acceptedWhileHanging() {
        return acceptedWhileHanging;
    }

    void hang() throws IOException {
        acceptedWhileHanging = 0;
        hanging = true;
        for (Socket connection : upstream) {
            connection.close();
        }
        upstream.clear();
    }

    void recover() throws IOException {
        hanging = false;
        for (Socket connection : clients) {
            connection.close();
        }
        clients.clear();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                if (hanging) {
                    acceptedWhileHanging++;
                    continue;
                }
                Socket server = new Socket();
                server.connect(directory, 3000);
                upstream.add(server);
                relay(client.getInputStream(), server.getOutputStream(), client, server);
                relay(server.getInputStream(), client.getOutputStream(), client, server);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /**
     * Copies until either side ends, then closes both; but not the client's connection once the directory hangs (a hang is
     * silence, not a reset).
     */
    private void relay(InputStream from, OutputStream to, Socket client, Socket server) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side went away: the other is closed by hang(), recover() or close()
            } finally {
                try {
                    server.close();
                    if (!hanging) {
                        client.close();
                        clients.remove(client);
                    }
                    upstream.remove(server);
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            }
        }, "switchable-directory-relay");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : clients) {
            connection.close();
        }
        for (Socket connection : upstream) {
            connection.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
