package io.memcluster.certs;

import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificate folder of a node or coordinator ({@code data/certs} by default) and what is
 * in it:
 *
 * <pre>
 *   ca.crt, ca.key                  the cluster CA
 *   server.crt, server.key          this host's server certificate
 *   client.crt, client.key          the coordinator's client certificate (CN=coordinator)
 *   client-&lt;user&gt;.crt, .key       a user's client certificate (CN=&lt;user&gt;)
 * </pre>
 *
 * <p>Certificates are PEM, private keys unencrypted PKCS#8 PEM created with mode 0600. An
 * existing file is never replaced unless {@code force} is set; a refused call writes nothing.
 */
public final class CertificateFiles {

    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERTIFICATE = "server.crt";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_CERTIFICATE = "client.crt";
    public static final String CLIENT_KEY = "client.key";

    private final Path dir;
    private final Clock clock;

    public CertificateFiles(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * What a node calls on its first start: when the folder has neither {@code ca.crt} nor
     * {@code server.crt}, it gets a new CA, a server certificate for the loopback names and
     * the coordinator's client certificate, with default validities. Otherwise nothing is
     * touched, so certificates an operator put there are used as they are.
     *
     * @return the files written; empty if there was nothing to do
     */
    public static List<WrittenFile> ensureDefaults(Path dir, Clock clock) throws IOException {
        CertificateFiles files = new CertificateFiles(dir, clock);
        if (Files.exists(files.caCertificate()) || Files.exists(files.serverCertificate())) {
            return List.of();
        }
        return files.generate(List.of(), Validity.DEFAULT_CA_DAYS, Validity.DEFAULT_LEAF_DAYS, false);
    }

    /**
     * A new CA, a server certificate for {@code hosts} (plus the loopback names) and the
     * coordinator's client certificate.
     *
     * @throws java.nio.file.FileAlreadyExistsException naming the first file that exists,
     *                                                   unless {@code force} is set
     * @throws IllegalArgumentException                  for a bad host or number of days
     */
    public List<WrittenFile> generate(Collection<String> hosts, int caDays, int leafDays,
                                      boolean force) throws IOException {
        SubjectAltNames.forHosts(hosts);
        Validity.checkDays(leafDays);
        CertificateAuthority ca = CertificateAuthority.create(clock, caDays);
        IssuedCertificate server = ca.issueServer(hosts, leafDays);
        IssuedCertificate coordinator = ca.issueClient(UserName.COORDINATOR.value(), leafDays);
        return write(force,
                new Pair(caCertificate(), caKey(), new IssuedCertificate(ca.certificate(), ca.privateKey())),
                new Pair(serverCertificate(), serverKey(), server),
                new Pair(clientCertificate(), clientKey(), coordinator));
    }

    /**
     * A new server certificate for {@code hosts} from the CA already in the folder: for
     * another host of the same cluster, or to change this host's names.
     *
     * @throws java.nio.file.NoSuchFileException if the folder has no CA
     */
    public List<WrittenFile> issueServer(Collection<String> hosts, int days, boolean force)
            throws IOException {
        // Bad input is reported before a missing CA: it is the first thing to fix.
        SubjectAltNames.forHosts(hosts);
        Validity.checkDays(days);
        IssuedCertificate server = loadAuthority().issueServer(hosts, days);
        return write(force, new Pair(serverCertificate(), serverKey(), server));
    }

    /**
     * A client certificate for {@code user} from the CA already in the folder, written to
     * {@code client-<user>.crt} and {@code .key}.
     *
     * @throws java.nio.file.NoSuchFileException if the folder has no CA
     * @throws IllegalArgumentException          if the user name is not a valid {@link UserName}
     */
    public List<WrittenFile> issueClient(String user, int days, boolean force) throws IOException {
        UserName name = new UserName(user);
        Validity.checkDays(days);
        IssuedCertificate client = loadAuthority().issueClient(name.value(), days);
        return write(force, new Pair(userCertificate(name), userKey(name), client));
    }

    /**
     * The CA in the folder.
     *
     * @throws java.nio.file.NoSuchFileException if {@code ca.crt} or {@code ca.key} is missing
     */
    public CertificateAuthority loadAuthority() throws IOException {
        return CertificateAuthority.load(caCertificate(), caKey(), clock);
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve(CA_CERTIFICATE);
    }

    public Path caKey() {
        return dir.resolve(CA_KEY);
    }

    public Path serverCertificate() {
        return dir.resolve(SERVER_CERTIFICATE);
    }

    public Path serverKey() {
        return dir.resolve(SERVER_KEY);
    }

    public Path clientCertificate() {
        return dir.resolve(CLIENT_CERTIFICATE);
    }

    public Path clientKey() {
        return dir.resolve(CLIENT_KEY);
    }

    public Path userCertificate(UserName user) {
        return dir.resolve("client-" + user.value() + ".crt");
    }

    public Path userKey(UserName user) {
        return dir.resolve("client-" + user.value() + ".key");
    }

    /** Where a certificate and its key go. */
    private record Pair(Path certificateFile, Path keyFile, IssuedCertificate issued) {
    }

    private List<WrittenFile> write(boolean force, Pair... pairs) throws IOException {
        PemFileWriter.createFolder(dir);
        if (!force) {
            List<Path> targets = new ArrayList<>();
            for (Pair pair : pairs) {
                targets.add(pair.certificateFile());
                targets.add(pair.keyFile());
            }
            PemFileWriter.refuseExisting(targets);
        }
        List<WrittenFile> written = new ArrayList<>();
        for (Pair pair : pairs) {
            PemFileWriter.write(pair.certificateFile(), Pem.encode(pair.issued().certificate()),
                    false, force);
            written.add(WrittenFile.certificate(pair.certificateFile(), pair.issued().expires()));
            PemFileWriter.write(pair.keyFile(), Pem.encode(pair.issued().privateKey()), true, force);
            written.add(WrittenFile.key(pair.keyFile()));
        }
        PemFileWriter.syncFolder(dir);
        return written;
    }
}
