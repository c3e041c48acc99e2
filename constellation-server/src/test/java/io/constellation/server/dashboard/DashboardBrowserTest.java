package io.constellation.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.constellation.server.Modules;
import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium + chromium-driver): run an example from the
 * generated form, see the result, suspend a run and resume it from the page.
 */
class DashboardBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";

  @TempDir Path dir;
  ServerRuntime server;
  WebDriver driver;

  @BeforeEach
  void start() {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      fail("chromium or chromedriver not found: apt-get install chromium chromium-driver");
    }
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    server =
        ServerRuntime.start(
            TestServers.config(dir).withPipelinesDir(examples), Modules::installDefaults);
    ChromeOptions o =
        new ChromeOptions()
            .setBinary(CHROMIUM)
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1600",
                "--user-data-dir=" + dir.resolve("chrome-profile"));
    ChromeDriverService svc =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(svc, o);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.shutdown();
    }
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
  }

  void selectPipeline(String ref) {
    WebElement item =
        waiting()
            .until(
                d ->
                    d.findElements(By.cssSelector("#pipelines li[data-ref='" + ref + "']")).stream()
                        .findFirst()
                        .orElse(null));
    item.click();
    waiting().until(d -> d.findElement(By.id("pipeline-name")).getText().equals(ref));
    waiting().until(d -> !d.findElements(By.cssSelector("#dag svg")).isEmpty());
  }

  String resultStatus() {
    return driver.findElement(By.id("result-status")).getText();
  }

  @Test
  void runAnExampleFromTheFormAndResumeASuspendedExecutionFromThePage() throws Exception {
    driver.get("http://127.0.0.1:" + server.port() + "/");

    // 1. Run text-processing with its @example input, prefilled in the generated form.
    selectPipeline("text-processing");
    WebElement text = driver.findElement(By.id("input-text"));
    assertThat(text.getAttribute("value")).contains("hello constellation world");
    assertThat(driver.findElements(By.cssSelector("#dag svg g.node.module")).size())
        .isGreaterThanOrEqualTo(2);
    driver.findElement(By.id("run-btn")).click();
    waiting().until(d -> resultStatus().equals("COMPLETED"));
    assertThat(driver.findElement(By.id("result-outputs")).getText())
        .contains("HELLO CONSTELLATION WORLD");

    // 2. Run approval without `approved`: it suspends.
    selectPipeline("approval");
    new Select(driver.findElement(By.id("input-approved"))).selectByValue("");
    driver.findElement(By.id("run-btn")).click();
    waiting().until(d -> resultStatus().equals("SUSPENDED"));
    assertThat(driver.findElement(By.id("result-missing")).getText()).contains("approved");

    // 3. Resume it from the suspended list.
    WebElement form =
        waiting()
            .until(
                d ->
                    d.findElements(By.cssSelector("#suspended form.resume-form")).stream()
                        .findFirst()
                        .orElse(null));
    String handle = form.getAttribute("data-handle");
    new Select(driver.findElement(By.id("resume-" + handle + "-approved"))).selectByValue("true");
    form.findElement(By.cssSelector("button.resume-btn")).click();
    waiting().until(d -> resultStatus().equals("COMPLETED"));
    assertThat(driver.findElement(By.id("result-outputs")).getText()).contains("approved");
    waiting()
        .until(
            d ->
                d.findElements(By.cssSelector("#suspended form[data-handle='" + handle + "']"))
                    .isEmpty());

    // 4. Recent runs show all three with their status.
    waiting().until(d -> d.findElements(By.cssSelector("#recent tr")).size() >= 3);
    String recent = driver.findElement(By.id("recent")).getText();
    assertThat(recent)
        .contains("text-processing")
        .contains("approval")
        .contains("COMPLETED")
        .contains("SUSPENDED");

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.copy(
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }
}
