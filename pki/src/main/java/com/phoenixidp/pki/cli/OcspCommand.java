package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.issuance.CaUrls;
import com.phoenixidp.pki.ocsp.OcspHttpServer;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pki ocsp}: a standalone OCSP responder on 127.0.0.1 until interrupted. */
@Command(
        name = "ocsp",
        mixinStandardHelpOptions = true,
        description = "Serve OCSP (RFC 6960, GET and POST) on 127.0.0.1:PORT at / and at the AIA path (/pki/ocsp "
                + "under the base URL) until stopped. Reads the shared ledger on every request.")
final class OcspCommand implements Callable<Integer> {

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    CaDirOptions ca;

    @Option(names = "--port", required = true, paramLabel = "N", description = "TCP port (0 picks a free one)")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new PkiException("invalid port " + port);
        }
        char[] passphrase = ca.passphrase(parent.environment());
        CertificateAuthority authority;
        try {
            authority = CertificateAuthority.open(ca.dir, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        String path = authority.urls().map(CaUrls::ocspPath).orElse(CaUrls.OCSP_PATH);
        OcspHttpServer server;
        try {
            server = OcspHttpServer.start(authority.ocspResponder(), port, path);
        } catch (RuntimeException e) {
            authority.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            authority.close();
                            stopped.countDown();
                        },
                        "pki-ocsp-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("OCSP responder listening on http://127.0.0.1:" + server.port() + "/ and http://127.0.0.1:"
                + server.port() + path);
        out.flush();
        stopped.await();
        return 0;
    }
}
