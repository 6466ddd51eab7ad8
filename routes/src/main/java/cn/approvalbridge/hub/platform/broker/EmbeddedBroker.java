package cn.approvalbridge.hub.platform.broker;

import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The embedded default's broker: ActiveMQ Artemis in this JVM, reachable only in-VM (no TCP port), with a persistent
 * journal synced on every commit, so an acknowledged message survives kill -9. Started before the connection factory
 * (which injects this bean) and so before Camel's JMS consumers. Not started unless hub.broker.kind=embedded.
 */
@Startup
@ApplicationScoped
public class EmbeddedBroker {

    public static final String IN_VM_URL = "vm://0";
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    @ConfigProperty(name = "hub.broker.kind")
    String kind;

    @ConfigProperty(name = "hub.broker.data-dir")
    String dataDir;

    private EmbeddedActiveMQ server;

    @PostConstruct
    void start() {
        if (!"embedded".equals(kind)) {
            return;
        }
        Path dir = Path.of(dataDir).toAbsolutePath();
        ConfigurationImpl cfg = new ConfigurationImpl();
        cfg.setName("hub-embedded");
        cfg.setPersistenceEnabled(true);
        cfg.setSecurityEnabled(false);
        cfg.setJMXManagementEnabled(false);
        cfg.setCriticalAnalyzer(false);
        cfg.setJournalType(JournalType.NIO);
        cfg.setJournalDirectory(dir.resolve("journal").toString());
        cfg.setBindingsDirectory(dir.resolve("bindings").toString());
        cfg.setPagingDirectory(dir.resolve("paging").toString());
        cfg.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        cfg.setJournalSyncTransactional(true);
        cfg.setJournalSyncNonTransactional(true);
        cfg.setJournalDatasync(true);
        try {
            cfg.addAcceptorConfiguration("in-vm", IN_VM_URL);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Safety net only: redelivery and dead letters are the routes' job. Should a route fail to even record a dead
        // letter (store down), the broker keeps redelivering, slowly, rather than dropping the message.
        cfg.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(-1).setRedeliveryDelay(5000)
                .setAutoCreateQueues(true).setAutoCreateAddresses(true));
        server = new EmbeddedActiveMQ();
        server.setConfiguration(cfg);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded broker did not start on " + dir
                    + ": check that the directory is writable and not used by another hub process", e);
        }
        LOG.infof("Embedded Artemis started (in-VM only), journal %s", dir);
    }

    public boolean isEmbedded() {
        return server != null;
    }

    public boolean isActive() {
        return server != null && server.getActiveMQServer().isActive();
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Embedded broker stop failed", e);
            }
            server = null;
        }
    }
}
