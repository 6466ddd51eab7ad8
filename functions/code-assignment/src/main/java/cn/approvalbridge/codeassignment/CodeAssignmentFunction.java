package cn.approvalbridge.codeassignment;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

/**
 * The code-assignment function: {@code POST /assignCode} and {@code POST /verifyCode} over HTTP, or one Lambda
 * function each ({@code QUARKUS_FUNQY_EXPORT}). Every answer, a rejection included, is the JSON body with HTTP 200:
 * partners branch on {@code outcome} and {@code errors[].code}, not on status codes.
 */
public class CodeAssignmentFunction {

    @Inject
    CodeAssignmentService service;

    @Funq
    public AssignCodeResponse assignCode(AssignCodeRequest request) {
        return service.assign(request);
    }

    @Funq
    public VerifyCodeResponse verifyCode(VerifyCodeRequest request) {
        return service.verify(request);
    }
}
