package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy for outage tests (DESIGN §10): put it in front of the embedded API server, then
 * {@link #cutAll()} to drop every open connection (watches break mid-stream) and {@link #pause()} to make
 * the server unreachable (new connections are accepted and closed at once, so clients fail fast instead of
 * hanging). Blocking sockets, one daemon thread per direction per connection: tests open a few dozen.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean paused;
    private volatile boolean closed;
    private final StringBuffer held = new StringBuffer();

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Listens on a free loopback port and forwards to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy start(int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            TcpProxy proxy = new TcpProxy(server, targetPort);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>/} */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Closes every open connection; new ones are still accepted unless {@link #pause() paused}. */
    public void cutAll() {
        for (Link link : links) {
            link.close();
        }
    }

    /**
     * The open connections keep reading from the server but pass nothing on to the client: what the server sends
     * meanwhile has left it (its writes completed) yet never arrives. {@link #heldFromServer()} shows it.
     */
    public void hold() {
        links.forEach(link -> link.held = true);
    }

    /** What the server sent on held connections, as ISO-8859-1 text (watch events are JSON). */
    public String heldFromServer() {
        return held.toString();
    }

    /** From now on, new connections are closed as soon as they are accepted: the server is unreachable. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean paused() {
        return paused;
    }

    /** Connections currently forwarded. */
    public int openConnections() {
        return links.size();
    }

    /** Connections forwarded since start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections closed on arrival because the proxy was paused. */
    public long refusedConnections() {
        return refused.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cutAll();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (paused) {
                refused.incrementAndGet();
                abort(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                abort(client);
                closeQuietly(upstream);
                continue;
            }
            accepted.incrementAndGet();
            Link link = new Link(client, upstream);
            links.add(link);
            if (closed || paused) {
                link.close();
                continue;
            }
            link.start();
        }
    }

    /** Closes with a TCP reset, as a crashed server or a dropped route would look to the client. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // closed already
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    /** One proxied connection: two pumps; either side ending or failing closes both sockets. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger pumpsRunning = new AtomicInteger(2);
        private volatile boolean held;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            thread(client, upstream, "up").start();
            thread(upstream, client, "down").start();
        }

        private Thread thread(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> pump(from, to), "tcp-proxy-" + threadIds.incrementAndGet() + "-" + direction);
            t.setDaemon(true);
            return t;
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                // never close these streams: that would close the socket and end the other direction too
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (held && from == upstream) {
                        TcpProxy.this.held.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // orderly end of one direction: pass the half-close on, let the other direction finish
                to.shutdownOutput();
            } catch (IOException e) {
                close();
                return;
            }
            if (pumpsRunning.decrementAndGet() == 0) {
                close();
            }
        }

        void close() {
            links.remove(this);
            abort(client);
            abort(upstream);
        }
    }
}
