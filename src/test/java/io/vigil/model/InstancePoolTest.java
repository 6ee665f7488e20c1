package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstancePoolTest {
    @Test
    void anEqualValueComesBackAsTheHeldInstance() {
        InstancePool<String> pool = new InstancePool<>(16);
        String first = new String("container app runs privileged");
        String second = new String("container app runs privileged");

        assertThat(pool.share(first)).isSameAs(first);
        assertThat(pool.share(second)).isSameAs(first);
        assertThat(pool.share(null)).isNull();
    }

    @Test
    void staysBoundedAndNeverChangesAValue() {
        InstancePool<String> pool = new InstancePool<>(8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            out.add(pool.share("Pod churn-" + i + " runs as the default ServiceAccount"));
        }

        for (int i = 0; i < 1_000; i++) {
            assertThat(out.get(i)).isEqualTo("Pod churn-" + i + " runs as the default ServiceAccount");
        }
        String again = new String("Pod churn-999 runs as the default ServiceAccount");
        assertThat(pool.share(again)).isSameAs(out.get(999));
    }

    @Test
    void sharesAnyImmutableValue() {
        InstancePool<List<String>> pool = new InstancePool<>(16);
        List<String> first = List.copyOf(new ArrayList<>(List.of("CIS:5.2.2", "SOC2:CC6.8")));
        List<String> second = List.copyOf(new ArrayList<>(List.of("CIS:5.2.2", "SOC2:CC6.8")));

        assertThat(pool.share(first)).isSameAs(first);
        assertThat(pool.share(second)).isSameAs(first);
        assertThat(pool.share(List.of("CIS:5.2.2"))).isEqualTo(List.of("CIS:5.2.2"));
    }
}
