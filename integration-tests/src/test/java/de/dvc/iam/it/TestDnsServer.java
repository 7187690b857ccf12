package de.dvc.iam.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) that answers TXT and A queries from maps the
 * tests fill: a known name without a record of the asked type gets an empty answer, an unknown name
 * NXDOMAIN (RFC 1035 wire format). DVC IAM's domain proofs and outbound fetches are pointed at it.
 */
final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<String>> a = new ConcurrentHashMap<>();
    private final Thread thread;

    TestDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void publishTxt(String name, String value) {
        txt.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(value);
    }

    /** Publishes an IPv4 address for {@code name}. */
    void publishA(String name, String address) {
        a.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(address);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(java.util.Arrays.copyOf(query.getData(), query.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                // closed, or a malformed query: ignore it
            }
        }
    }

    private byte[] answer(byte[] q) {
        if (q.length < 12) {
            return null;
        }
        int position = 12;
        StringBuilder name = new StringBuilder();
        while (q[position] != 0) {
            int length = q[position] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, position + 1, length, StandardCharsets.US_ASCII));
            position += length + 1;
        }
        int questionEnd = position + 5; // zero byte, type (2), class (2)
        int type = ((q[position + 1] & 0xff) << 8) | (q[position + 2] & 0xff);
        String key = name.toString().toLowerCase(Locale.ROOT);
        boolean known = txt.containsKey(key) || a.containsKey(key);
        List<String> values = !known ? null : type == 16 ? txt.getOrDefault(key, List.of()) : type == 1 ? a.getOrDefault(key, List.of()) : List.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x84); // response, authoritative
        out.write(values == null ? 0x03 : 0x00); // NXDOMAIN or no error
        out.write(0);
        out.write(1); // one question
        out.write(0);
        out.write(values == null ? 0 : values.size());
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(q, 12, questionEnd - 12);
        if (values != null) {
            for (String value : values) {
                out.write(0xc0);
                out.write(0x0c); // name: pointer to the question
                out.write(0);
                out.write(type); // TXT or A
                out.write(0);
                out.write(1); // IN
                out.write(new byte[] {0, 0, 0, 60}, 0, 4); // TTL
                if (type == 1) {
                    out.write(0);
                    out.write(4);
                    for (String part : value.split("\\.")) {
                        out.write(Integer.parseInt(part));
                    }
                } else {
                    byte[] text = value.getBytes(StandardCharsets.UTF_8);
                    out.write(0);
                    out.write(text.length + 1);
                    out.write(text.length);
                    out.write(text, 0, text.length);
                }
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
