package org.shuxiang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ShuxiangApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShuxiangApplication.class, args);
    }
}
