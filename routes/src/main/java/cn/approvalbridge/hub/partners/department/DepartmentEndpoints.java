package cn.approvalbridge.hub.partners.department;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.camel.PartnerUrls;

/**
 * A review department's two endpoints: hub.departments.&lt;code&gt;.url takes pre-review requests, .approval-url the
 * messages of steps 4-7 (item-list requests, materials, prerequisite results). Unset: the sandbox department on this hub.
 */
@ApplicationScoped
public class DepartmentEndpoints {

    @Inject
    PartnerUrls urls;

    public String preReviewUrl(String code) {
        return urls.configuredOr("hub.departments." + code + ".url", "/sandbox/departments/" + code + "/pre-review");
    }

    public String approvalUrl(String code) {
        return urls.configuredOr("hub.departments." + code + ".approval-url",
                "/sandbox/approval/departments/" + code + "/messages");
    }
}
