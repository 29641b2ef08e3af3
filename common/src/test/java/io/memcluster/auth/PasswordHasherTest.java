package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashVerifiesOnlyItsOwnPassword() {
        String hash = hasher.hash("s3cret-Password");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("s3cret-Password", hash)).isTrue();
        assertThat(hasher.verify("s3cret-password", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void hashDoesNotContainThePassword() {
        assertThat(hasher.hash("findme123")).doesNotContain("findme123");
    }

    /** Made with the reference implementation: echo -n PASSWORD | argon2 SALT -id -t T -m LOG2M -p P -l 32 -e. */
    @Test
    void verifiesHashesWrittenByTheReferenceArgon2Tool() {
        assertThat(hasher.verify("correct horse battery staple",
                "$argon2id$v=19$m=256,t=2,p=1$bWVtY2x1c3RlcnNhbHQxNg$x3/f+5kgEuxtAovFOfRBs+64UWS15aUYFNmeBFnnTS8"))
                .isTrue();
        assertThat(hasher.verify("pässwörd",
                "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$4OzWYNADueDS7csqf8RWPGZ3/ZtiXV617UkyRCcUvso"))
                .isTrue();
        assertThat(hasher.verify("passwörd",
                "$argon2id$v=19$m=1024,t=3,p=2$MDEyMzQ1Njc4OWFiY2RlZg$4OzWYNADueDS7csqf8RWPGZ3/ZtiXV617UkyRCcUvso"))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=256,t=2,p=1$bWVtY2x1c3RlcnNhbHQxNg",
        "$argon2id$v=16$m=256,t=2,p=1$bWVtY2x1c3RlcnNhbHQxNg$x3/f+5kgEuxtAovFOfRBs+64UWS15aUYFNmeBFnnTS8",
        "$argon2id$v=19$m=99999999,t=2,p=1$bWVtY2x1c3RlcnNhbHQxNg$x3/f+5kgEuxtAovFOfRBs+64UWS15aUYFNmeBFnnTS8",
        "$argon2id$v=19$m=256,t=0,p=1$bWVtY2x1c3RlcnNhbHQxNg$x3/f+5kgEuxtAovFOfRBs+64UWS15aUYFNmeBFnnTS8",
        "$argon2id$v=19$m=256,t=2,p=1$bWVtY2x1c3RlcnNhbHQxN$x3/f+5kgEuxtAovFOfRBs+64UWS15aUYFNmeBFnnTS8",
    })
    void malformedOrAbusiveHashesNeverMatch(String encoded) {
        assertThat(PasswordHasher.problemWith(encoded)).startsWith("malformed or out-of-range argon2id hash");
        assertThat(hasher.verify("correct horse battery staple", encoded)).isFalse();
    }

    @Test
    void otherSchemesAreRecognisedAsHashesButNotSupported() {
        String bcrypt = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
        assertThat(PasswordHasher.looksHashed(bcrypt)).isTrue();
        assertThat(PasswordHasher.problemWith(bcrypt)).startsWith("unsupported hash scheme");
        assertThat(PasswordHasher.looksHashed("$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).isTrue();
        assertThat(PasswordHasher.problemWith("$argon2i$v=19$m=256,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
                .startsWith("unsupported hash scheme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "pa$$word", "$", "$$", "x$argon2id$", "$Ab$cd"})
    void plaintextPasswordsAreNotMistakenForHashes(String password) {
        assertThat(PasswordHasher.looksHashed(password)).isFalse();
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThatThrownBy(() -> hasher.hash("")).hasMessage("password must not be empty");
    }
}
