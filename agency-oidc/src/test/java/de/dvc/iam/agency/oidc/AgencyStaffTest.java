package de.dvc.iam.agency.oidc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgencyStaffTest {

    @Test
    void membersAreFoundByTheirLoginNameWhateverTheCase() {
        AgencyStaff staff = AgencyStaff.demo();

        assertThat(staff.byUsername("Sara.Yilmaz@Beispiel-Land.example")).contains(AgencyStaff.SARA);
        assertThat(staff.byUsername("nobody@beispiel-land.example")).isEmpty();
        assertThat(staff.byUsername(null)).isEmpty();
    }

    @Test
    void saraIsInTheAgencysDomainAndMaxIsNot() {
        assertThat(AgencyStaff.SARA.email()).endsWith("@" + AgencyStaff.AGENCY_DOMAIN);
        assertThat(AgencyStaff.MAX.email()).as("the refusal case of domain binding").doesNotEndWith("@" + AgencyStaff.AGENCY_DOMAIN);
    }

    @Test
    void noPasswordInTheLogText() {
        assertThat(AgencyStaff.SARA.toString()).contains("sara.yilmaz").doesNotContain("demo");
    }
}
