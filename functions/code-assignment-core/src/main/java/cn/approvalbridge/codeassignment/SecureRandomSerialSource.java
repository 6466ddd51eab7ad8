package cn.approvalbridge.codeassignment;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The serial source of production: SecureRandom, so a code reveals nothing about how many codes came before it. */
@DefaultBean
@ApplicationScoped
public class SecureRandomSerialSource implements SerialSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
