package de.dvc.iam.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agencies' DNS in the demo and the tests: a tiny authoritative DNS server on 127.0.0.1 (UDP,
 * RFC 1035 wire format) that answers TXT and A queries. Records come from {@link #publishTxt} /
 * {@link #publishA} and, in the demo, from a zone file the agency admin edits (one record per line,
 * {@code <name> TXT <value>} or {@code <name> A <IPv4>}, {@code #} comments; read on every query).
 * A known name without a record of the asked type gets an empty answer, an unknown name NXDOMAIN.
 * DVC IAM's domain proofs and outbound fetches are pointed at it (option {@code dns-server}).
 */
public final class AgencyDns implements AutoCloseable {

    private static final int TYPE_A = 1;
    private static final int TYPE_TXT = 16;

    private final DatagramSocket socket;
    private final Path zoneFile;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Map<String, List<String>> a = new ConcurrentHashMap<>();
    private final Thread thread;

    /**
     * @param port     UDP port on 127.0.0.1, 0 for a free one
     * @param zoneFile records an admin edits, or {@code null}
     */
    public AgencyDns(int port, Path zoneFile) throws SocketException {
        this.zoneFile = zoneFile;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        thread = new Thread(this::serve, "agency-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code host:port} for DVC IAM's option {@code dns-server}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public void publishTxt(String name, String value) {
        txt.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(value);
    }

    /** Publishes an IPv4 address for {@code name}. */
    public void publishA(String name, String address) {
        a.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(address);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(Arrays.copyOf(query.getData(), query.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                // closed, or a malformed query: ignore it
            }
        }
    }

    /** The records of {@code name} of {@code type}, or {@code null} if the name is unknown. */
    private List<String> records(String name, int type) {
        List<String> found = new ArrayList<>();
        boolean known = txt.containsKey(name) || a.containsKey(name);
        found.addAll(type == TYPE_TXT ? txt.getOrDefault(name, List.of()) : type == TYPE_A ? a.getOrDefault(name, List.of()) : List.of());
        if (zoneFile != null && Files.isRegularFile(zoneFile)) {
            try {
                for (String line : Files.readAllLines(zoneFile, StandardCharsets.UTF_8)) {
                    String[] record = line.strip().split("\\s+", 3);
                    if (record.length < 3 || record[0].startsWith("#") || !record[0].toLowerCase(Locale.ROOT).replaceAll("\\.$", "").equals(name)) {
                        continue;
                    }
                    known = true;
                    String value = record[2].strip();
                    if (type == TYPE_TXT && record[1].equalsIgnoreCase("TXT")) {
                        found.add(value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value);
                    } else if (type == TYPE_A && record[1].equalsIgnoreCase("A") && value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                        found.add(value);
                    }
                }
            } catch (IOException e) {
                // unreadable zone file: only the published records
            }
        }
        return known ? found : null;
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
        List<String> values = records(name.toString().toLowerCase(Locale.ROOT), type);
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
                out.write(type);
                out.write(0);
                out.write(1); // IN
                out.write(new byte[] {0, 0, 0, 60}, 0, 4); // TTL
                if (type == TYPE_A) {
                    out.write(0);
                    out.write(4);
                    for (String part : value.split("\\.")) {
                        out.write(Integer.parseInt(part));
                    }
                } else {
                    byte[] text = value.getBytes(StandardCharsets.UTF_8);
                    int length = Math.min(text.length, 255);
                    out.write(0);
                    out.write(length + 1);
                    out.write(length);
                    out.write(text, 0, length);
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
