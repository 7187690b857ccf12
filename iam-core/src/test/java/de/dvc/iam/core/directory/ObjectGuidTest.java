package de.dvc.iam.core.directory;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectGuidTest {

    @Test
    void theFirstThreeFieldsAreLittleEndianAsWindowsShowsThem() {
        byte[] stored = TestDirectory.bytes("78563412bc9af0de123456789abcdef0");

        assertThat(ObjectGuid.canonical(stored)).isEqualTo("12345678-9abc-def0-1234-56789abcdef0");
        // reading the bytes big-endian, as java.util.UUID would, gives another id than AD's tools
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(stored);
        assertThat(new UUID(buffer.getLong(), buffer.getLong()).toString()).isNotEqualTo(ObjectGuid.canonical(stored));
    }

    @Test
    void onlySixteenBytesAreAGuid() {
        assertThatThrownBy(() -> ObjectGuid.canonical(new byte[15])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> ObjectGuid.canonical(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
