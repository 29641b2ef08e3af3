import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads COUNT items into a memcached-protocol server, for the memory part of
 * bench/compare-memcached.sh.
 *
 * <pre>java bench/LoadItems.java HOST PORT COUNT [TIMEOUT_SECONDS]</pre>
 *
 * Each item is {@code key:%012d} (exactly 16 bytes) with a 100-byte value, flags 0 and no expiry,
 * sent as pipelined {@code set <key> 0 0 100 noreply}. A final {@code version} round trip proves
 * that the server has processed every set before we return, so the caller can measure memory
 * right away. Single file, no dependencies: it runs with the JDK's source launcher.
 *
 * <p>A server must not answer a {@code noreply} set. Anything it sends before the {@code VERSION}
 * line is therefore an error (e.g. {@code SERVER_ERROR out of memory}); we keep reading it on a
 * separate thread so that such replies cannot fill the socket buffers and deadlock the writer,
 * and we report them and exit non-zero.
 */
public final class LoadItems {

  static final int VALUE_LENGTH = 100;
  // Enough sets per flush to keep the pipe full, few enough to check the deadline often.
  static final int BATCH = 1_000;
  // A bound on what one run may do, so a typo cannot turn this into an open-ended load.
  static final int MAX_COUNT = 50_000_000;
  static final int DEFAULT_TIMEOUT_SECONDS = 600;

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: java bench/LoadItems.java HOST PORT COUNT [TIMEOUT_SECONDS]");
      System.exit(2);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    int timeoutSeconds = args.length == 4 ? Integer.parseInt(args[3]) : DEFAULT_TIMEOUT_SECONDS;
    if (count < 1 || count > MAX_COUNT) {
      fail("COUNT must be between 1 and " + MAX_COUNT + ", got " + count);
    }
    if (timeoutSeconds < 1) {
      fail("TIMEOUT_SECONDS must be positive, got " + timeoutSeconds);
    }
    InetAddress address = InetAddress.getByName(host);
    // This is a benchmark loader, not a tool to fill someone else's server.
    if (!address.isLoopbackAddress()) {
      fail(host + " is not a loopback address; LoadItems only loads servers on this machine");
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(address, port), 5_000);
      } catch (IOException e) {
        fail("cannot connect to " + host + ":" + port + ": " + e.getMessage());
      }
      socket.setTcpNoDelay(true);

      CompletableFuture<List<String>> replies =
          CompletableFuture.supplyAsync(() -> readUntilVersion(socket));

      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      byte[] value = value();
      int i = 0;
      try {
        for (; i < count; i++) {
          out.write(String.format("set key:%012d 0 0 %d noreply\r\n", i, VALUE_LENGTH)
              .getBytes(StandardCharsets.US_ASCII));
          out.write(value);
          if ((i + 1) % BATCH == 0) {
            out.flush();
            if (System.nanoTime() > deadline) {
              fail("timed out after " + timeoutSeconds + " s having sent " + (i + 1) + " items");
            }
            if (replies.isDone()) {
              // The reader only stops early when the server closed the connection or failed.
              fail("server stopped reading after " + (i + 1) + " items: " + replies.join());
            }
          }
        }
        out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        fail("sending failed after " + i + " items (" + e.getMessage() + "); server said: "
            + replies.getNow(List.of("<nothing yet>")));
      }

      long remainingNanos = Math.max(1, deadline - System.nanoTime());
      List<String> unexpected;
      try {
        unexpected = replies.get(remainingNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        fail("timed out after " + timeoutSeconds + " s waiting for the server to process the sets");
        return;
      }
      if (!unexpected.isEmpty()) {
        fail("server answered " + unexpected.size() + " line(s) to noreply sets; first ones: "
            + unexpected.subList(0, Math.min(5, unexpected.size())));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("loaded %d items into %s:%d in %.1f s (%.0f sets/s)%n",
        count, host, port, seconds, count / seconds);
  }

  /** Returns every line the server sent before {@code VERSION ...}; ends the run if it never comes. */
  private static List<String> readUntilVersion(Socket socket) {
    List<String> unexpected = new ArrayList<>();
    try {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("VERSION ")) {
          return unexpected;
        }
        unexpected.add(line);
      }
      unexpected.add("<connection closed by server>");
    } catch (IOException e) {
      unexpected.add("<read failed: " + e + ">");
    }
    // Reaching here means no VERSION line: make that an error even if nothing else was said.
    if (unexpected.isEmpty()) {
      unexpected.add("<no VERSION reply>");
    }
    return unexpected;
  }

  private static byte[] value() {
    byte[] value = new byte[VALUE_LENGTH + 2];
    // Printable and not all one byte, so nothing on the way can compress it trivially.
    for (int i = 0; i < VALUE_LENGTH; i++) {
      value[i] = (byte) ('a' + i % 26);
    }
    value[VALUE_LENGTH] = '\r';
    value[VALUE_LENGTH + 1] = '\n';
    return value;
  }

  private static void fail(String message) {
    System.err.println("LoadItems: " + message);
    System.exit(1);
  }

  private LoadItems() {}
}
