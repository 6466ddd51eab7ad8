package cn.approvalbridge.hub.sandbox.utility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.partners.heat.HeatSftpFallback;
import cn.approvalbridge.hub.sandbox.Sandbox;

/**
 * The sandbox heating company's SFTP server (Apache MINA SSHD, SFTP only, 127.0.0.1, a free port unless
 * hub.sandbox.utilities.sftp.port says otherwise), serving hub.sandbox.utilities.sftp.root. Started on first use, i.e.
 * when the heating routes are built and only when no real SFTP host is configured; never under the cloud profile.
 */
@ApplicationScoped
public class SandboxSftpServer implements HeatSftpFallback {

    private static final Logger LOG = Logger.getLogger(SandboxSftpServer.class);

    @ConfigProperty(name = "hub.sandbox.utilities.sftp.root")
    String root;

    @ConfigProperty(name = "hub.sandbox.utilities.sftp.port")
    int configuredPort;

    @ConfigProperty(name = "hub.sandbox.utilities.sftp.username")
    String username;

    @ConfigProperty(name = "hub.sandbox.utilities.sftp.password")
    String password;

    @Inject
    Sandbox sandbox;

    private SshServer server;

    @Override
    public boolean active() {
        return sandbox.enabled();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public synchronized int port() {
        if (server == null) {
            start();
        }
        return server.getPort();
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    public Path root() {
        return Path.of(root).toAbsolutePath().normalize();
    }

    public boolean running() {
        return server != null && server.isStarted();
    }

    private void start() {
        sandbox.require();
        Path dir = root();
        try {
            Files.createDirectories(dir);
            SshServer s = SshServer.setUpDefaultServer();
            s.setHost("127.0.0.1");
            s.setPort(configuredPort);
            // the host key persists beside the served directory, so a restarted sandbox keeps its identity
            s.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolveSibling(dir.getFileName() + "-hostkey.ser")));
            s.setPasswordAuthenticator((user, pass, session) -> username.equals(user) && password.equals(pass));
            s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            s.setFileSystemFactory(new VirtualFileSystemFactory(dir));
            s.start();
            server = s;
            LOG.infof("Sandbox heating company's SFTP server on 127.0.0.1:%d serving %s", s.getPort(), dir);
        } catch (IOException e) {
            throw new IllegalStateException("The sandbox SFTP server did not start on port " + configuredPort + " with root "
                    + dir + ": free the port (hub.sandbox.utilities.sftp.port, 0 = any) or fix the directory", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                LOG.warn("Sandbox SFTP server stop failed", e);
            }
            server = null;
        }
    }
}
