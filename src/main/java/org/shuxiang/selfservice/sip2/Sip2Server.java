package org.shuxiang.selfservice.sip2;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SIP2 listeners: TCP on {@code shuxiang.sip2.port} (6001 by default; 0 picks a free port), and TLS
 * on {@code shuxiang.sip2.tls.port} when a key store is configured ({@link Sip2Settings}), inside the
 * application. Messages end with a carriage return; one longer than {@code shuxiang.sip2.max-message}
 * bytes, or three malformed ones in a row, close the connection, as does silence longer than
 * {@code shuxiang.sip2.idle-timeout}. The network threads only frame bytes; each message is answered on
 * a worker thread, in order and one at a time per connection, so a slow database never stalls other
 * machines' connections.
 */
@Component
@EnableConfigurationProperties(Sip2Settings.class)
class Sip2Server implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sip2Server.class);
    private static final int MALFORMED_IN_A_ROW = 3;
    /** Requests a machine may send ahead of its answers before the connection is closed. */
    private static final int MAX_PENDING = 32;

    private final Sip2Service service;
    private final Sip2Settings settings;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ExecutorService work;
    private final java.util.List<Channel> channels = new java.util.ArrayList<>();
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    /** Messages whose handling failed unexpectedly (not a refusal, not malformed input): a bug to look at. */
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    Sip2Server(Sip2Service service, Sip2Settings settings) {
        this.service = service;
        this.settings = settings;
    }

    int failures() {
        return failures.get();
    }

    /** The port the plain listener listens on (the chosen one when configured as 0); -1 when off. */
    int port() {
        return port;
    }

    /** The port of the TLS listener; -1 when off. */
    int tlsPort() {
        return tlsPort;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        work = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "sip2-worker");
                    t.setDaemon(true);
                    return t;
                });
        if (settings.port() >= 0) {
            port = listen(settings.port(), null);
            log.info("SIP2 server listening on port {}", port);
        }
        if (settings.tls().enabled()) {
            tlsPort = listen(settings.tls().port(), sslContext(settings.tls()));
            log.info("SIP2 server listening with TLS on port {}", tlsPort);
        }
    }

    private int listen(int onPort, SslContext tls) {
        ByteBuf carriageReturn = Unpooled.wrappedBuffer(new byte[] {'\r'});
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new IdleStateHandler(settings.idleTimeout().toSeconds(), 0, 0,
                                        TimeUnit.SECONDS))
                                .addLast(new DelimiterBasedFrameDecoder(settings.maxMessage(), true, true,
                                        carriageReturn.duplicate()))
                                .addLast(new Connection());
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(onPort)).sync().channel();
            channels.add(channel);
            return ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SIP2 server start interrupted", e);
        }
    }

    /** The server's certificate and key from the configured key store, for TLS 1.2 and 1.3. */
    static SslContext sslContext(Sip2Settings.Tls tls) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(tls.keyStore()))) {
            char[] password = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
            java.security.KeyStore store = java.security.KeyStore.getInstance(tls.keyStoreType());
            store.load(in, password);
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SIP2 TLS key store " + tls.keyStore() + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        channels.forEach(c -> c.close().syncUninterruptibly());
        channels.clear();
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            work.shutdown();
            boss = null;
        }
    }

    @Override
    public boolean isRunning() {
        return !channels.isEmpty();
    }

    /** One machine's connection. */
    private final class Connection extends ChannelInboundHandlerAdapter {

        private final Sip2Session session = new Sip2Session();
        private final java.util.Queue<byte[]> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            byte[] bytes;
            try {
                int start = frame.readerIndex();
                int end = frame.writerIndex();
                while (start < end && (frame.getByte(start) == '\n' || frame.getByte(start) == ' ')) {
                    start++; // the line feed some machines send after the carriage return
                }
                bytes = new byte[end - start];
                frame.getBytes(start, bytes);
            } finally {
                frame.release();
            }
            if (bytes.length == 0) {
                return;
            }
            // Messages are answered in order, one at a time: a machine that sends several at once (or a
            // read that brings several) gets its answers in the order of its requests.
            pending.add(bytes);
            if (pending.size() > MAX_PENDING) {
                log.warn("SIP2 {} sent more than {} messages without waiting for answers; closing",
                        ctx.channel().remoteAddress(), MAX_PENDING);
                ctx.close();
                return;
            }
            if (draining.compareAndSet(false, true)) {
                try {
                    work.execute(() -> drain(ctx));
                } catch (RejectedExecutionException busy) {
                    log.warn("SIP2 server busy; closing {}", ctx.channel().remoteAddress());
                    ctx.close();
                }
            }
        }

        private void drain(ChannelHandlerContext ctx) {
            while (true) {
                byte[] next;
                while ((next = pending.poll()) != null) {
                    if (ctx.channel().isActive()) {
                        handle(ctx, next);
                    }
                }
                draining.set(false);
                // a message that came while the flag was being cleared is taken by this thread or the next
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void handle(ChannelHandlerContext ctx, byte[] bytes) {
            if (!Sip2Message.checksumValid(bytes)) {
                log.info("SIP2 bad checksum from {}; asking for a resend", ctx.channel().remoteAddress());
                send(ctx, "96".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            Sip2Message request;
            try {
                request = Sip2Message.parse(new String(bytes, session.charset()));
            } catch (Sip2FormatException malformed) {
                log.info("SIP2 malformed message from {}: {}", ctx.channel().remoteAddress(), malformed.getMessage());
                if (session.malformed() >= MALFORMED_IN_A_ROW) {
                    ctx.close();
                } else {
                    send(ctx, "96".getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            if (request.command().equals("97")) {
                if (session.lastAnswer() != null) {
                    send(ctx, session.lastAnswer());
                }
                return;
            }
            byte[] repeated = session.repeatOf(request);
            if (repeated != null) {
                send(ctx, repeated); // the same request again: the same answer, not a second checkout
                return;
            }
            if (!session.loggedIn() && !request.command().equals("93")) {
                log.info("SIP2 message {} before login from {}; closing", request.command(), ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            if (!request.known()) {
                log.info("SIP2 unknown message {} from {}; ignored", request.command(), ctx.channel().remoteAddress());
                return;
            }
            String answer;
            try {
                answer = service.answer(session, request);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                log.error("SIP2 message {} failed", request.command(), e);
                ctx.close();
                return;
            }
            if (answer == null) {
                return;
            }
            byte[] out = withErrorDetection(answer, request);
            session.answered(request, out);
            send(ctx, out);
            if (session.refused()) {
                ctx.close();
            }
        }

        /** The answer in the session's character set, with AY and AZ when the request carried them. */
        private byte[] withErrorDetection(String answer, Sip2Message request) {
            if (request.sequence() == null && request.checksum() == null) {
                return answer.getBytes(session.charset());
            }
            String withSequence = answer + "AY" + (request.sequence() == null ? '0' : request.sequence()) + "AZ";
            byte[] head = withSequence.getBytes(session.charset());
            ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 4);
            out.writeBytes(head);
            out.writeBytes(Sip2Message.checksum(head, head.length).getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        private void send(ChannelHandlerContext ctx, byte[] message) {
            ByteBuf buffer = ctx.alloc().buffer(message.length + 1);
            buffer.writeBytes(message).writeByte('\r');
            ctx.writeAndFlush(buffer);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                log.info("SIP2 connection {} idle; closing", ctx.channel().remoteAddress());
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                log.info("SIP2 message too long from {}; closing", ctx.channel().remoteAddress());
            } else {
                log.info("SIP2 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            }
            ctx.close();
        }
    }
}
