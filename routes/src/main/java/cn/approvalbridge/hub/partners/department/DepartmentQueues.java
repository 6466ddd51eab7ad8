package cn.approvalbridge.hub.partners.department;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.PermanentFailure;
import cn.approvalbridge.hub.platform.directory.Departments;

import io.quarkus.arc.Unremovable;

/**
 * Moves a message of the flows' shared department queues to its department's own queue, in one message group per
 * project (or declaration) there, so that a project's messages reach the department in the order the flow sent them
 * (an item-list request before the materials).
 */
@ApplicationScoped
@Unremovable
public class DepartmentQueues {

    @Inject
    ObjectMapper json;

    @Inject
    Departments departments;

    /** The department's own queue behind {@code shared}; JMSXGroupID set to the project the message is about. */
    public String route(String body, Exchange exchange) throws Exception {
        JsonNode m = json.readTree(body);
        String dept = m.path("departmentCode").asText();
        if (!departments.isKnown(dept)) {
            throw new PermanentFailure("departmentCode '" + dept + "' is not one of hub.departments.codes");
        }
        String project = m.hasNonNull("projectCode") ? m.get("projectCode").asText()
                : m.path("prerequisite").hasNonNull("projectCode") ? m.path("prerequisite").get("projectCode").asText()
                : m.path("declarationId").asText();
        exchange.getIn().setHeader("JMSXGroupID", project);
        return Queues.of(exchange.getProperty(cn.approvalbridge.hub.platform.broker.HubHeaders.SOURCE_QUEUE,
                String.class), dept);
    }
}
