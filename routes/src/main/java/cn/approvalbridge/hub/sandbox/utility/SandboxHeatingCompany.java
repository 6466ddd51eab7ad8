package cn.approvalbridge.hub.sandbox.utility;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.approvalbridge.hub.sandbox.engine.Work;
import cn.approvalbridge.hub.utility.Utility;
import cn.approvalbridge.hub.utility.UtilityApplication.SurveyWindow;

/**
 * The sandbox heating company's side of its SFTP directory: it reads the hub's request files (CSV) and writes result
 * files (CSV) there, as the real heating company does; what it answers is decided by SandboxUtilities.
 */
@ApplicationScoped
public class SandboxHeatingCompany {

    private static final Logger LOG = Logger.getLogger(SandboxHeatingCompany.class);

    @Inject
    SandboxSftpServer sftp;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.host")
    Optional<String> realHost;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.request-dir")
    String requestDir;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.result-dir")
    String resultDir;

    /**
     * Each request file in the directory, read once (every row handed to {@code received}), then moved to .processed;
     * nothing while the hub talks to a real heating company or has not started the sandbox's SFTP server.
     */
    void readRequests(Consumer<SandboxUtilities.Received> received) {
        Path dir = sftp.root().resolve(requestDir);
        if (realHost.filter(h -> !h.isBlank()).isPresent() || !sftp.running() || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warn("Sandbox heating company cannot list its requests", e);
            return;
        }
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (!line.isBlank()) {
                        received.accept(request(line));
                    }
                }
                Path done = dir.resolve(".processed");
                Files.createDirectories(done);
                Files.move(f, done.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception e) {
                LOG.warnf(e, "Sandbox heating company cannot read %s", f.getFileName());
            }
        }
    }

    private static SandboxUtilities.Received request(String line) {
        List<String> v = csv(line);
        List<SurveyWindow> windows = new ArrayList<>();
        for (String w : v.get(8).split(";")) {
            if (w.contains("/")) {
                windows.add(new SurveyWindow(LocalDate.parse(w.split("/")[0]), LocalDate.parse(w.split("/")[1])));
            }
        }
        return new SandboxUtilities.Received(Utility.HEAT, v.get(0), v.get(1), windows,
                v.get(9).isBlank() ? null : LocalDate.parse(v.get(9)), line);
    }

    /** One result file for all the due answers, written under a temporary name, then renamed; false if not written. */
    boolean writeResults(List<Work> answers) {
        StringBuilder sb = new StringBuilder("applicationId,kind,state,surveyDate,slots,reason\n");
        for (Work a : answers) {
            String payload = a.payload() == null ? "" : a.payload();
            if ("AVAILABILITY".equals(a.action())) {
                sb.append(a.subject()).append(",AVAILABILITY,,,").append(payload).append(",\n");
            } else if ("REJECTED".equals(a.action())) {
                sb.append(a.subject()).append(",STATUS,REJECTED,,,\"").append(payload.replace("\"", "'")).append("\"\n");
            } else {
                sb.append(a.subject()).append(",STATUS,").append(a.action()).append(',').append(payload).append(",,\n");
            }
        }
        try {
            Path dir = sftp.root().resolve(resultDir);
            Files.createDirectories(dir);
            String name = "result-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            LOG.warn("Sandbox heating company cannot write its result file; retrying", e);
            return false;
        }
    }

    /** Quote-aware split of one CSV line (the hub's request files quote every field). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        while (out.size() < 11) {
            out.add("");
        }
        return out;
    }
}
