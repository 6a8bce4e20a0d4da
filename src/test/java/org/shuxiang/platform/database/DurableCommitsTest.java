package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Group commit's rules, with barriers the test lets through one at a time: a commit is confirmed only by a
 * barrier that began after it, one barrier confirms every commit waiting when it began, and a failed barrier
 * confirms none.
 */
class DurableCommitsTest {

    /** Barriers that each wait for a permit; the test counts them and can make the next ones fail. */
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger begun = new AtomicInteger();
    private final AtomicInteger failing = new AtomicInteger();
    private final DurableCommits durable = new DurableCommits(() -> {
        begun.incrementAndGet();
        try {
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new SQLException("the test let no barrier through");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLException("the server went away");
        }
    });

    @AfterEach
    void close() {
        permits.release(100);
        durable.close();
    }

    private CompletableFuture<Void> commitAndAwait() {
        return CompletableFuture.runAsync(durable::await);
    }

    private void untilBegun(int barriers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (begun.get() < barriers && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(begun.get()).isEqualTo(barriers);
    }

    @Test
    void a_commit_made_while_a_barrier_is_running_waits_for_the_next_one() throws Exception {
        CompletableFuture<Void> first = commitAndAwait();
        untilBegun(1);
        CompletableFuture<Void> second = commitAndAwait();
        Thread.sleep(50);

        permits.release();
        first.get(10, TimeUnit.SECONDS);
        untilBegun(2);
        assertThat(second).as("the running barrier may have been written before this commit").isNotDone();

        permits.release();
        second.get(10, TimeUnit.SECONDS);
        assertThat(durable.barriers()).isEqualTo(2);
    }

    @Test
    void one_barrier_confirms_every_commit_waiting_when_it_began() throws Exception {
        CompletableFuture<Void> running = commitAndAwait();
        untilBegun(1);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(commitAndAwait());
        }
        Thread.sleep(100);
        permits.release();
        running.get(10, TimeUnit.SECONDS);
        untilBegun(2);
        permits.release();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(durable.barriers()).as("twenty-one commits, two flushes").isEqualTo(2);
    }

    @Test
    void a_failed_barrier_confirms_nothing_and_the_next_commit_is_confirmed_by_a_new_one() throws Exception {
        failing.set(1);
        CompletableFuture<Void> lost = commitAndAwait();
        untilBegun(1);
        permits.release();
        assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("did not confirm");

        CompletableFuture<Void> next = commitAndAwait();
        untilBegun(2);
        permits.release();
        next.get(10, TimeUnit.SECONDS);
        assertThat(durable.barriers()).isEqualTo(2);
    }

    @Test
    void nothing_waits_forever_once_the_database_is_shutting_down() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> stranded = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            durable.await();
        });
        waiting.await();
        untilBegun(1);
        durable.close();
        assertThatThrownBy(() -> stranded.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataAccessResourceFailureException.class);
        assertThatThrownBy(durable::await).isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("shutting down");
    }
}
