package cn.approvalbridge.hub.utility;

import static cn.approvalbridge.hub.utility.UtilityTestSupport.apply;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.form;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.utility.SandboxSftpServer;
import cn.approvalbridge.hub.sandbox.utility.SandboxUtilities;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 12 (item 8): the heating company's result file is read as CSV, so a quoted multi-line reason is one field. */
@QuarkusTest
class HeatCsvTest {

    @Inject
    SandboxUtilities sandboxProviders;

    @Inject
    SandboxSftpServer sftp;

    @AfterEach
    void reset() {
        sandboxProviders.resetBehaviours();
    }

    @Test
    void aQuotedMultiLineReasonIsReadWhole() throws Exception {
        sandboxProviders.setBehaviour(Utility.HEAT, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        String code = codedProject(Fixtures.mobile());
        String appId = Fixtures.uniqueId("UC");
        apply(code, form(appId, Fixtures.mobile(), "HEAT")).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !UtilityJourneyTest.received(Utility.HEAT, appId).isEmpty());

        String reason = "multi\nline reason, with a comma and \"quotes\"\r\nand a third line";
        String file = HeatCsvTestHeader.HEADER + "\r\n" + appId + ",STATUS,ACCEPTED,,,\r\n" + appId + ",STATUS,REJECTED,,,\""
                + reason.replace("\"", "\"\"") + "\"\r\n";
        Path results = sftp.root().resolve("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("multi.tmp"), file, StandardCharsets.UTF_8);
        Files.move(results.resolve("multi.tmp"), results.resolve("result-multi-" + appId + ".csv"));

        await().atMost(Duration.ofSeconds(15)).until(() -> "REJECTED".equals(status(code).getString("utilities[0].state")));
        assertEquals(reason.replace("\r\n", "\n"), status(code).getString("utilities[0].reason").replace("\r\n", "\n"));
    }

    static final class HeatCsvTestHeader {
        static final String HEADER = cn.approvalbridge.hub.partners.heat.HeatResultRow.HEADER;
    }
}
