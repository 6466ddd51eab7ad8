package cn.approvalbridge.codeassignment;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.support.HubCallerIdentity;

/** The hub's identity on this function's HTTP binding (see HubCallerIdentity and application.properties). */
@ApplicationScoped
public class HubCaller extends HubCallerIdentity {
}
