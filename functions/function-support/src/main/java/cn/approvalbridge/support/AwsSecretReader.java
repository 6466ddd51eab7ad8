package cn.approvalbridge.support;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Secrets Manager through the AWS SDK, with the function's own role (region and credentials from the Lambda
 * environment). The SDK is an optional dependency: only the Lambda builds of the functions carry it, and this class is
 * loaded only when a function is given a secret to read (SecretsConfigSource).
 */
final class AwsSecretReader implements SecretReader {

    private final SecretsManagerClient client = SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().build()).build();

    @Override
    public String secretString(String secretId) {
        return client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
    }
}
