package io.memcluster.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@link Command} records to request bytes: the client side of the text protocol, the inverse
 * of {@link TextCommandDecoder} (what this writes, that decodes to an equal command). Keys are
 * written as given; a meta command with the {@code b} flag gets its key base64-encoded again.
 *
 * <p>The decoder's verdicts ({@link Command.Invalid}, {@link Command.TooLarge},
 * {@link Command.Close}) are not requests and are refused. Stateless, so one instance may
 * serve every channel.
 */
@ChannelHandler.Sharable
public final class CommandEncoder extends MessageToByteEncoder<Command> {

    private static final byte[] CRLF = {'\r', '\n'};

    public CommandEncoder() {
        super(Command.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Command command, ByteBuf out) {
        write(command, out);
    }

    /** Appends the request line (and data block) of {@code command} to {@code out}. */
    public static void write(Command command, ByteBuf out) {
        // Java 17 has no pattern switch; the common commands come first.
        if (command instanceof Command.Retrieval r) {
            retrieval(r, out);
        } else if (command instanceof Command.Storage s) {
            storage(s, out);
        } else if (command instanceof Command.Delete d) {
            word(out, "delete");
            key(out, d.key());
            noreply(out, d.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.Arithmetic a) {
            word(out, a.increment() ? "incr" : "decr");
            key(out, a.key());
            out.writeByte(' ');
            Ascii.writeUnsigned(out, a.delta());
            noreply(out, a.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.Touch t) {
            word(out, "touch");
            key(out, t.key());
            out.writeByte(' ');
            Ascii.writeLong(out, t.exptime());
            noreply(out, t.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.MetaGet g) {
            meta(out, "mg", g.key(), null, g.flags());
        } else if (command instanceof Command.MetaSet s) {
            meta(out, "ms", s.key(), s.data(), s.flags());
        } else if (command instanceof Command.MetaDelete d) {
            meta(out, "md", d.key(), null, d.flags());
        } else if (command instanceof Command.MetaArithmetic a) {
            meta(out, "ma", a.key(), null, a.flags());
        } else if (command instanceof Command.MetaNoop) {
            line(out, "mn");
        } else if (command instanceof Command.MetaDebug d) {
            word(out, "me");
            out.writeByte(' ');
            out.writeBytes(d.base64Key() ? Base64.getEncoder().encode(d.key()) : d.key());
            if (d.base64Key()) {
                out.writeCharSequence(" b", StandardCharsets.US_ASCII);
            }
            out.writeBytes(CRLF);
        } else if (command instanceof Command.Stats s) {
            wordsLine(out, "stats", s.args());
        } else if (command instanceof Command.LruCrawler l) {
            wordsLine(out, "lru_crawler", l.args());
        } else if (command instanceof Command.FlushAll f) {
            word(out, "flush_all");
            if (f.delay() != 0) {
                out.writeByte(' ');
                Ascii.writeLong(out, f.delay());
            }
            noreply(out, f.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.Version) {
            line(out, "version");
        } else if (command instanceof Command.Quit) {
            line(out, "quit");
        } else if (command instanceof Command.Verbosity v) {
            word(out, "verbosity");
            out.writeByte(' ');
            Ascii.writeLong(out, v.level());
            noreply(out, v.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.CacheMemlimit m) {
            word(out, "cache_memlimit");
            out.writeByte(' ');
            Ascii.writeLong(out, m.megabytes());
            noreply(out, m.noreply());
            out.writeBytes(CRLF);
        } else if (command instanceof Command.Shutdown s) {
            line(out, s.graceful() ? "shutdown graceful" : "shutdown");
        } else if (command instanceof Command.UserAdmin u) {
            userAdmin(u, out);
        } else if (command instanceof Command.Snapshot s) {
            line(out, s.namespace() == null ? "memcluster snapshot" : "memcluster snapshot " + s.namespace());
        } else if (command instanceof Command.Digest d) {
            line(out, d.namespace() == null ? "memcluster digest" : "memcluster digest " + d.namespace());
        } else if (command instanceof Command.DigestKeys d) {
            line(out, "memcluster digest_keys " + d.namespace() + " " + DigestSegments.format(d.segments()));
        } else if (command instanceof Command.FlushNamespace f) {
            word(out, "memcluster flush_namespace ");
            word(out, f.namespace());
            noreply(out, f.noreply());
            out.writeBytes(CRLF);
        } else {
            // Invalid, TooLarge, Close: what the node's decoder concluded, not something to send
            throw new IllegalArgumentException(command.getClass().getSimpleName()
                    + " is a decoder verdict, not a request");
        }
    }

    private static void storage(Command.Storage s, ByteBuf out) {
        word(out, s.verb().name().toLowerCase(java.util.Locale.ROOT));
        key(out, s.key());
        out.writeByte(' ');
        Ascii.writeUnsigned32(out, s.flags());
        out.writeByte(' ');
        Ascii.writeLong(out, s.exptime());
        out.writeByte(' ');
        Ascii.writeLong(out, s.data().length);
        if (s.verb() == StorageVerb.CAS) {
            out.writeByte(' ');
            Ascii.writeUnsigned(out, s.cas());
        }
        noreply(out, s.noreply());
        out.writeBytes(CRLF);
        out.writeBytes(s.data());
        out.writeBytes(CRLF);
    }

    private static void userAdmin(Command.UserAdmin u, ByteBuf out) {
        word(out, "memcluster users ");
        word(out, u.action().word());
        if (u.username() != null) {
            out.writeByte(' ');
            out.writeCharSequence(u.username(), StandardCharsets.UTF_8);
        }
        if (u.permissions() != null) {
            out.writeByte(' ');
            out.writeCharSequence(u.permissions(), StandardCharsets.UTF_8);
        }
        if (u.password() != null) {
            out.writeByte(' ');
            Ascii.writeLong(out, u.password().length);
        }
        out.writeBytes(CRLF);
        if (u.password() != null) {
            out.writeBytes(u.password());
            out.writeBytes(CRLF);
        }
    }

    private static void retrieval(Command.Retrieval r, ByteBuf out) {
        if (r.keys().length == 0) {
            throw new IllegalArgumentException("a retrieval needs at least one key");
        }
        String verb = r.touch() ? (r.withCas() ? "gats" : "gat") : (r.withCas() ? "gets" : "get");
        word(out, verb);
        if (r.touch()) {
            out.writeByte(' ');
            Ascii.writeLong(out, r.exptime());
        }
        for (byte[] key : r.keys()) {
            key(out, key);
        }
        out.writeBytes(CRLF);
    }

    private static void meta(ByteBuf out, String verb, byte[] key, byte[] data, MetaFlags flags) {
        word(out, verb);
        out.writeByte(' ');
        out.writeBytes(flags.base64Key() ? Base64.getEncoder().encode(key) : key);
        if (data != null) {
            out.writeByte(' ');
            Ascii.writeLong(out, data.length);
        }
        for (int i = 0; i < flags.orderLength(); i++) {
            out.writeByte(' ');
            metaFlag(out, flags, flags.orderAt(i));
        }
        out.writeBytes(CRLF);
        if (data != null) {
            out.writeBytes(data);
            out.writeBytes(CRLF);
        }
    }

    /** A flag and its token, as the node parsed them (see {@link MetaFlags}). */
    private static void metaFlag(ByteBuf out, MetaFlags flags, byte flag) {
        if (flag == 'O') {
            out.writeBytes(flags.opaque());
            return;
        }
        out.writeByte(flag);
        switch (flag) {
            case 'T' -> Ascii.writeLong(out, flags.ttl());
            case 'N' -> Ascii.writeLong(out, flags.vivifyTtl());
            case 'R' -> Ascii.writeLong(out, flags.recacheTtl());
            case 'F' -> Ascii.writeUnsigned32(out, flags.clientFlags());
            case 'C' -> Ascii.writeUnsigned(out, flags.compareCas());
            case 'E' -> Ascii.writeUnsigned(out, flags.newCas());
            case 'J' -> Ascii.writeUnsigned(out, flags.initial());
            case 'D' -> Ascii.writeUnsigned(out, flags.delta());
            case 'M' -> out.writeByte(flags.mode());
            default -> {
                // flags without a token: v, c, t, k, s, f, q, b, ...
            }
        }
    }

    private static void key(ByteBuf out, byte[] key) {
        out.writeByte(' ');
        out.writeBytes(key);
    }

    private static void noreply(ByteBuf out, boolean noreply) {
        if (noreply) {
            out.writeCharSequence(" noreply", StandardCharsets.US_ASCII);
        }
    }

    private static void word(ByteBuf out, String word) {
        out.writeCharSequence(word, StandardCharsets.US_ASCII);
    }

    private static void line(ByteBuf out, String line) {
        word(out, line);
        out.writeBytes(CRLF);
    }

    private static void wordsLine(ByteBuf out, String verb, String[] args) {
        word(out, verb);
        for (String arg : args) {
            out.writeByte(' ');
            out.writeCharSequence(arg, StandardCharsets.ISO_8859_1);
        }
        out.writeBytes(CRLF);
    }
}
