package cn.approvalbridge.support;

/** Reads one secret's text (a Secrets Manager SecretString) by its id or ARN. Faked in tests. */
@FunctionalInterface
public interface SecretReader {

    String secretString(String secretId);
}
