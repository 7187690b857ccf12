package de.dvc.iam.core.directory;

import java.util.Locale;

/**
 * Active Directory's {@code objectGUID} as text. AD stores the GUID as the 16 bytes of a Windows {@code GUID}
 * structure, whose first three fields (4, 2 and 2 bytes) are little-endian and whose last 8 bytes are in order
 * ([MS-DTYP] 2.3.4.2); the canonical form {@code {12345678-9abc-def0-…}} that AD tools show (and that
 * {@code Get-ADUser} prints) therefore reverses those first fields. Reading the bytes as a big-endian UUID, as
 * {@code java.util.UUID} would, gives a different id for the same user than every Windows tool.
 */
final class ObjectGuid {

    private ObjectGuid() {
    }

    /**
     * @param bytes the attribute's raw value
     * @return the lower-case canonical form, e.g. {@code 12345678-9abc-def0-1234-56789abcdef0}
     * @throws IllegalArgumentException if {@code bytes} are not 16
     */
    static String canonical(byte[] bytes) {
        if (bytes == null || bytes.length != 16) {
            throw new IllegalArgumentException("An objectGUID has 16 bytes, not " + (bytes == null ? 0 : bytes.length) + ".");
        }
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        StringBuilder text = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text.append('-');
            }
            text.append(String.format(Locale.ROOT, "%02x", bytes[order[i]] & 0xff));
        }
        return text.toString();
    }
}
