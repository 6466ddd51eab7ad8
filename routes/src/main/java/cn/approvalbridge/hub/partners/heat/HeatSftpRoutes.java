package cn.approvalbridge.hub.partners.heat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.dataformat.bindy.csv.BindyCsvDataFormat;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;
import cn.approvalbridge.hub.utility.UtilitySteps;

/**
 * Heating: a CSV batch file per message on the heating company's SFTP server (Bindy CSV, camel-ftp sftp producer), and
 * a polling consumer that picks up its result files every hub.utilities.HEAT.sftp.poll-delay-ms. Each result row goes
 * to the provider-input queue (durable) before the file is moved to .done, so a row is never lost; a bad row ends in
 * the dead letters on its own, the file's good rows are recorded. Each file is taken by one replica (SharedFileClaims).
 */
@ApplicationScoped
public class HeatSftpRoutes extends UtilityRouteBuilder {

    @Inject
    HeatSftp sftp;

    @Override
    protected void routes() {
        var heat = consumeUtility(UtilityQueues.TO_SFTP_PROVIDERS, "utility-heat-sftp-request", "utility-HEAT")
                .setBody(method(UtilitySteps.class, "message"))
                .setBody(method(HeatFiles.class, "request"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .marshal(new BindyCsvDataFormat(HeatRequestRow.class))
                    .convertBodyTo(String.class)
                    .setProperty(HubHeaders.SENT_REQUEST, body())
                    .removeHeaders("JMS*");
        // written under a temporary name and renamed: the company never reads a half-written file
        admit(heat).to(sftp.requests() + "&tempPrefix=.part-&fileExist=Override");
        delivered(heat)
                .setBody(method(HeatFiles.class, "uploaded"))
                .bean(UtilitySteps.class, "acknowledged")
                .end();

        // replicas poll the same directory: each file is claimed in the shared store before it is read (SFTP has no
        // idempotent read lock), by name, size and time, so a company reusing a file name is still read anew
        from(sftp.results() + "&delay={{hub.utilities.HEAT.sftp.poll-delay-ms}}&include=.*\\.csv&move=.done"
                + "&moveFailed=.failed&readLock=none&charset=UTF-8&maxMessagesPerPoll=20"
                + "&idempotent=true&idempotentEager=true&idempotentRepository=#hubFileClaims"
                + "&idempotentKey=heat-results/${file:name}/${file:size}/${file:modified}")
                .routeId("utility-heat-sftp-results")
                // not the dead letter channel: should the queue be unreachable the file goes to .failed, whole
                .errorHandler(defaultErrorHandler())
                .convertBodyTo(String.class)
                // records, not lines: a quoted reason may run over several lines
                .split(method(HeatFiles.class, "records"))
                        .setBody(method(HeatFiles.class, "resultRow"))
                        .removeHeaders("*", "CamelFileName")
                        // one application's rows keep their order (SURVEY_SCHEDULED before PLAN_REPLIED, ...) although
                        // the queue has concurrent consumers: a JMS message group per application goes to one consumer
                        .setHeader("JMSXGroupID", method(HeatFiles.class, "group"))
                        .to("jms:queue:" + UtilityQueues.PROVIDER_INPUT)
                    .end()
                .end();
    }
}
